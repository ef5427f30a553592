// A page the server drew (app/page-render.ts) loads the app that takes it over once it has been shown: the app's
// scripts, fetched and compiled beside the page, held its first paint back. The entry is named by the element that
// loads this file (data-entry); the module script is added after the first frame is drawn. Plain script, no module:
// it is fetched at once and runs when the page is parsed.
(function () {
  var entry = document.currentScript && document.currentScript.getAttribute('data-entry');
  if (!entry) return;
  requestAnimationFrame(function () {
    setTimeout(function () {
      var script = document.createElement('script');
      script.type = 'module';
      script.crossOrigin = '';
      script.src = entry;
      document.head.appendChild(script);
    }, 0);
  });
})();
