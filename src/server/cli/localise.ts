/**
 * The command line speaks Chinese throughout: commander's own words — the help's titles and
 * placeholders, its help option and command, and its error messages — are translated here, for
 * the program and every command, so nothing English is left for the user.
 */
import { Help, type Argument, type Command, type Option } from 'commander';

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** commander's placeholders in usage lines and command lists. */
function placeholders(text: string): string {
  return text.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');
}

const EXTRA_WORDS: Readonly<Record<string, string>> = { choices: '可选', default: '默认', env: '环境变量', preset: '不写取值时' };

/** The " (choices: "a", "b", default: "x")" commander adds to a description, in Chinese: "（可选：a, b；默认：x）". */
function extras(description: string): string {
  const m = /^(.*?) ?\(((?:choices|default|env|preset): .*)\)$/s.exec(description);
  if (!m) return description;
  const inner = m[2]!.replace(/"/g, '').replace(/(?:, )?\b(choices|default|env|preset): /g, (found, key: string) => `${found.startsWith(',') ? '；' : ''}${EXTRA_WORDS[key]}：`);
  return `${m[1]}（${inner}）`;
}

/** commander's error messages (all start with "error: "), in Chinese; anything else unchanged. */
export function translateError(message: string): string {
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/^error: unknown option '([^']*)'(?:\n?\(Did you mean (.*)\?\))?/, (_, o, s) => `错误：未知的选项 ${o}${s ? `（是否想用 ${s}？）` : ''}`],
    [/^error: unknown command '([^']*)'(?:\n?\(Did you mean (.*)\?\))?/, (_, c, s) => `错误：未知的命令 ${c}${s ? `（是否想用 ${s}？）` : ''}`],
    [/^error: missing required argument '([^']*)'/, (_, a) => `错误：缺少参数 ${a}`],
    [/^error: option '([^']*)' argument missing/, (_, o) => `错误：选项 ${o} 缺少取值`],
    [/^error: required option '([^']*)' not specified/, (_, o) => `错误：缺少必需的选项 ${o}`],
    [/^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./, (_, o, v, c) => `错误：选项 ${o} 的取值 ${v} 无效，可选：${c}`],
    [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (_, c, e, g) => `错误：${c ? `命令 ${c} 的` : ''}参数过多：应为 ${e} 个，给出 ${g} 个`],
  ];
  for (const [pattern, to] of rules) {
    const m = pattern.exec(message);
    if (m) return `${to(...m)}\n`;
  }
  return message.replace(/^error: /, '错误：');
}

/** Applies the translations to `program` and all its commands; returns it. */
export function localise(program: Command): Command {
  const help: Partial<Help> = {
    styleTitle: (title: string) => TITLES[title] ?? title,
    commandUsage(cmd: Command): string {
      const names = [];
      for (let c: Command | null = cmd.parent; c; c = c.parent) names.unshift(c.name());
      return placeholders([...names, cmd.name(), cmd.usage()].join(' '));
    },
    optionDescription: (option: Option) => extras(Help.prototype.optionDescription.call(new Help(), option)),
    argumentDescription: (argument: Argument) => extras(Help.prototype.argumentDescription.call(new Help(), argument)),
    subcommandTerm: (cmd: Command) => placeholders(`${cmd.name()}${cmd.usage() ? ` ${cmd.usage()}` : ''}`),
  };
  const apply = (cmd: Command) => {
    cmd
      .helpOption('-h, --help', '显示帮助')
      .configureHelp(help)
      .configureOutput({ outputError: (message, write) => write(translateError(message)) });
    // the help command commander adds to every command with subcommands (jixiao, jixiao results)
    if (cmd.commands.length > 0) cmd.helpCommand('help [命令]', '显示命令的帮助');
    for (const sub of cmd.commands) apply(sub);
  };
  apply(program);
  return program;
}
