/**
 * 导入: upload documents of any supported format (DOCUMENT_EXTENSIONS; with upload progress), see per file what would be
 * created or replaced and what the importer and the review found, then commit.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Progress, Result, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { FormTemplatesPanel } from './form-templates-panel';
import { DOCUMENT_EXTENSIONS } from '../../shared/api/imports';
import { FORMAT_NAMES, type Diagnostic } from '../../shared/domain/model';
import type { FindingCategory } from '../../shared/review/types';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/client';
import { useCommitImport, useDepartments } from '../api/hooks';
import type { ImportAction, ImportCommitResponse, ImportPreview, ImportPreviewResponse, UploadProgress } from '../api/types';
import { StatusCounts } from '../components/status-counts';
import { CategoryTag, Money } from '../components/tags';
import { CATEGORIES, SEVERITY_COLORS, SEVERITY_LABELS } from '../lib/labels';
import { DoubtList, FileTables } from '../components/table-reading';
import { startingCorrections, TemplateEditor } from '../components/template-editor';
import { useAuth } from '../auth/auth-context';
import { correctionsFrom, type FormTemplate, type TemplateCorrections } from '../../shared/domain/form-template';
import type { TableGrid } from '../../shared/domain/table-grid';

/** An upload's own random id, to ask how far its reading has come (crypto.getRandomValues works outside https too). */
const uploadId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** How often the page asks how far the reading of an upload has come (ms). */
const PROGRESS_POLL_MS = 1000;

/** Once the files are sent: which file is being read, and a scan's pages recognised (issue 56; still shown once read, until the answer comes). */
function ReadingProgress({ reading }: { reading: UploadProgress | null }) {
  const which = reading !== null && reading.files > 1 ? `第 ${reading.fileIndex + 1} / ${reading.files} 个文件“${reading.file}”` : null;
  if (reading === null || reading.pages === 0) {
    return <Typography.Text type="secondary">上传完成，正在解析和审核{which ? `：${which}` : ''}…</Typography.Text>;
  }
  return (
    <div data-testid="scan-progress" data-page={reading.page} data-pages={reading.pages}>
      <Typography.Text>
        扫描件“{reading.file}”正在文字识别（OCR）：{reading.page === 0 ? `共 ${reading.pages} 页，正在识别…` : `第 ${reading.page} / ${reading.pages} 页`}
        {which ? `（${which}）` : ''}
      </Typography.Text>
      <Progress percent={Math.round((reading.page / reading.pages) * 100)} status="active" format={() => `${reading.page}/${reading.pages} 页`} />
    </div>
  );
}

const MAX_FILES = 20;
const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = DOCUMENT_EXTENSIONS;

const ACTION_TAGS: Record<ImportAction, { label: string; color: string }> = {
  create: { label: '新建', color: 'green' },
  replace: { label: '替换现有版本', color: 'orange' },
  unchanged: { label: '无变化', color: 'default' },
  refused: { label: '拒绝', color: 'red' },
};

const RESULT_TAGS: Record<ImportCommitResponse['files'][number]['status'], { label: string; color: string }> = {
  imported: { label: '已导入', color: 'green' },
  replaced: { label: '已替换', color: 'orange' },
  unchanged: { label: '无变化', color: 'default' },
  refused: { label: '被拒绝', color: 'red' },
};

function Diagnostics({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  if (diagnostics.length === 0) return <Typography.Text type="secondary">没有诊断信息</Typography.Text>;
  return (
    <Table<Diagnostic>
      size="small"
      data-testid="import-diagnostics"
      rowKey={(_, i) => String(i)}
      dataSource={[...diagnostics]}
      pagination={diagnostics.length > 10 ? { pageSize: 10, size: 'small' } : false}
      columns={[
        { title: '级别', dataIndex: 'severity', width: 70, render: (s: Diagnostic['severity']) => <Tag color={SEVERITY_COLORS[s]}>{SEVERITY_LABELS[s]}</Tag> },
        { title: '位置', key: 'at', width: 130, render: (_, d) => `第${d.source.line}行${d.source.ref ? `（${d.source.ref}）` : ''}` },
        { title: '说明', dataIndex: 'message' },
      ]}
    />
  );
}

/** The corrections of one file's tables (issue 54): the table being corrected, re-reads, keeping them as a 表样. */
interface Corrections {
  editing: { upload: number; line: number; initial: TemplateCorrections } | null;
  busy: boolean;
  canSave: boolean;
  save: boolean;
  onSave: (save: boolean) => void;
  onEdit: (file: ImportPreview, grid: TableGrid, initial: TemplateCorrections) => void;
  onApply: (file: ImportPreview, template: FormTemplate | null) => void;
  onClose: () => void;
}

const tableLine = (grid: TableGrid) => grid.rows[0]?.line ?? -1;

/** Above a table's grid: the stored 表样 offered for it, and its corrections. */
function TableTools({ file, grid, c }: { file: ImportPreview; grid: TableGrid; c: Corrections }) {
  const editing = c.editing !== null && c.editing.upload === file.upload && c.editing.line === tableLine(grid);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {grid.offers.map((o) => {
        const stored = file.formTemplates.find((t) => t.id === o.id);
        return (
          <Alert
            key={o.id ?? o.name}
            type="info"
            showIcon
            data-testid="template-offer"
            title={`表头与表样“${o.name}”相似（${o.likeness}%），未按它读取。如属同一表样，可以它为起点更正后重新读取。`}
            action={
              stored && (
                <Button size="small" onClick={() => c.onEdit(file, grid, correctionsFrom(grid, stored.template))} data-testid="template-offer-use">
                  以此表样为起点更正
                </Button>
              )
            }
          />
        );
      })}
      {editing ? (
        <TemplateEditor
          key={`${file.upload}-${tableLine(grid)}-${JSON.stringify(c.editing!.initial)}`}
          grid={grid}
          initial={c.editing!.initial}
          corrected={file.draftTemplate !== null}
          busy={c.busy}
          canSave={c.canSave}
          save={c.save}
          onSave={c.onSave}
          onApply={(t) => c.onApply(file, t)}
          onClose={c.onClose}
        />
      ) : (
        grid.kind !== 'list' && (
          <Button size="small" onClick={() => c.onEdit(file, grid, startingCorrections(file, grid))} data-testid="template-edit">
            读错了？更正读取
          </Button>
        )
      )}
    </Space>
  );
}

/** Accepting a doubt's likely reading (issue 69): the table (a project's index, null for the department-wide table), the doubt, the reading. */
type AcceptLikely = (project: number | null, doubt: number, choice: number) => void;

function FilePreview({ file, corrections, onLikely, busy }: { file: ImportPreview; corrections: Corrections; onLikely: AcceptLikely; busy: boolean }) {
  const tag = ACTION_TAGS[file.action];
  const counts = CATEGORIES.filter((c) => (file.findingCounts[c] ?? 0) > 0);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="import-file"
      data-file={file.file}
      data-action={file.action}
      title={
        <Space wrap>
          <span>{file.file}</span>
          <Tag color={tag.color} data-testid="import-action">
            {tag.label}
          </Tag>
          {file.format && <Tag>{FORMAT_NAMES[file.format]}</Tag>}
        </Space>
      }
    >
      {file.error && <Alert type={file.action === 'refused' ? 'error' : 'warning'} showIcon title={file.error} style={{ marginBottom: 12 }} data-testid="import-error" />}
      {file.doubted > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="import-doubted">
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            title={`有 ${file.doubted} 张表的读取存疑：请对照下方原表核对以下各处。确认导入后，存疑保存在表上，这些表不评分、不据以审核。`}
          />
          {file.projects.map((p, i) =>
            p.reading.certain ? null : <DoubtList key={i} title={`项目“${p.name || '（无名称）'}”`} reading={p.reading} busy={busy} onLikely={(d, k) => onLikely(i, d, k)} />,
          )}
          {file.departmentTargets && !file.departmentTargets.reading.certain && (
            <DoubtList title="部门整体支出绩效目标表" reading={file.departmentTargets.reading} busy={busy} onLikely={(d, k) => onLikely(null, d, k)} />
          )}
        </div>
      )}
      {file.textReading && !file.textReading.certain && (
        <div style={{ marginBottom: 12 }} data-testid="import-text-doubted">
          <DoubtList title="表格以外的文字（封面、第一部分等，扫描件经文字识别读取）" reading={file.textReading} summary="请对照原件核对" />
        </div>
      )}
      {file.yearInferred && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="import-year-inferred" title={`文档没有写明预算年度，按文中的日期推断为 ${file.year} 年，请核对。`} />
      )}
      {file.unitWithoutEditor && file.department && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="import-no-editor"
          title={`单位“${file.department.name}”还没有填报账号：导入后的项目为草稿，只有该单位的填报人能修改、提交，财政局只能查看。请系统管理员为其开通填报账号（导入前后均可），单位才能补充和提交这些草稿。`}
        />
      )}
      {file.departmentRename && file.action !== 'refused' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="import-rename"
          title={`导入将把单位“${file.departmentRename.from}”（编码 ${file.departmentRename.code}）更名为“${file.departmentRename.to}”，公开页面也随之更名。请核对后在上方确认单位更名。`}
        />
      )}
      {file.ok || file.department ? (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 4 }}
            items={[
              { key: 'dept', label: '部门', children: file.department ? `${file.department.code ?? ''} ${file.department.name}` : '—' },
              { key: 'year', label: '年度', children: file.year ?? '—' },
              { key: 'projects', label: '项目数', children: file.projectCount },
              { key: 'indicators', label: '指标数', children: file.indicatorCount },
              // the projects' budgets, where there are projects; the 部门整体 table's 资金总额 as read, where it gives one (issue 71:
              // a document of the 部门整体 table alone showed 预算合计 0.00 万元 beside its 资金总额)
              ...(file.projectCount > 0 ? [{ key: 'budget', label: '项目预算合计', children: <Money fen={file.budgetTotalFen} /> }] : []),
              ...(file.departmentTargets?.budgetTotalFen != null
                ? [{ key: 'department-budget', label: '部门整体资金总额', children: <span data-testid="import-department-budget"><Money fen={file.departmentTargets.budgetTotalFen} /></span> }]
                : []),
              ...(file.replaces
                ? [
                    {
                      key: 'replaces',
                      label: '将替换',
                      children: (
                        <Space size={4} wrap>
                          <span>现有 {file.replaces.projectCount} 个项目</span>
                          <StatusCounts counts={file.replaces.statuses} />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <div style={{ margin: '8px 0' }}>
            <Typography.Text type="secondary">审核发现：</Typography.Text>
            {counts.length === 0 ? '无' : counts.map((c) => <CategoryTag key={c} category={c as FindingCategory} count={file.findingCounts[c]} />)}
          </div>
          {file.projects.length > 0 && (
            <Table
              size="small"
              data-testid="import-projects"
              rowKey={(_, i) => String(i)}
              dataSource={file.projects}
              pagination={file.projects.length > 10 ? { pageSize: 10, size: 'small', showTotal: (total) => `共 ${total} 个项目` } : false}
              columns={[
                { title: '项目编码', dataIndex: 'code', width: 190, render: (c: string | null) => c ?? '—' },
                { title: '项目名称', dataIndex: 'name' },
                {
                  title: '读取',
                  key: 'reading',
                  width: 90,
                  render: (_, p) => (p.reading.certain ? <Tag color="green">无疑</Tag> : <Tag color="volcano">存疑 {p.reading.doubts.length} 处</Tag>),
                },
                { title: '预算', dataIndex: 'budgetTotalFen', align: 'right', render: (f: number | null) => <Money fen={f} /> },
                { title: '指标数', dataIndex: 'indicatorCount', width: 80, align: 'right' },
                { title: '审核发现', dataIndex: 'findingCount', width: 90, align: 'right' },
              ]}
            />
          )}
          <FileTables
            file={file}
            onLikely={onLikely}
            busy={busy}
            tools={(grid) => <TableTools file={file} grid={grid} c={corrections} />}
            open={corrections.editing?.upload === file.upload ? (file.tables.find((g) => tableLine(g) === corrections.editing!.line) ?? null) : null}
          />
        </>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        诊断（{file.diagnostics.length}）
      </Typography.Title>
      <Diagnostics diagnostics={file.diagnostics} />
    </Card>
  );
}

export function ImportPage() {
  const api = useApi();
  const { message } = App.useApp();
  const commit = useCommitImport();
  const departments = useDepartments();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [reading, setReading] = useState<UploadProgress | null>(null);
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<ImportPreviewResponse | null>(null);
  const [result, setResult] = useState<ImportCommitResponse | null>(null);

  const committable = preview?.files.filter((f) => f.action === 'create' || f.action === 'replace').length ?? 0;
  const renames = preview?.files.filter((f) => f.departmentRename !== null && f.action !== 'refused') ?? [];
  const [confirmRenames, setConfirmRenames] = useState(false);
  const doubted = preview?.files.filter((f) => f.doubted > 0 && f.action !== 'refused') ?? [];
  const [confirmDoubts, setConfirmDoubts] = useState(false);
  const { user } = useAuth();
  const [editing, setEditing] = useState<Corrections['editing']>(null);
  const [rereading, setRereading] = useState(false);
  const [saveTemplates, setSaveTemplates] = useState(false);

  const reread = async (file: ImportPreview, template: FormTemplate | null) => {
    if (!preview) return;
    setRereading(true);
    try {
      const next = await api.send<ImportPreviewResponse>('POST', '/api/imports/reread', { token: preview.token, upload: file.upload, template });
      setPreview(next);
      if (template === null) setSaveTemplates(false);
      // the editor starts again from the corrections as now read (its rows may have changed kind, the columns their paths)
      setEditing((e) => {
        if (e === null) return e;
        const again = next.files.find((f) => f.upload === e.upload);
        const grid = again?.tables.find((g) => tableLine(g) === e.line);
        return again && grid ? { ...e, initial: startingCorrections(again, grid) } : null;
      });
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setRereading(false);
    }
  };
  /** A doubted value's likely reading accepted (issue 69): the preview comes back with it read so, under a new token. */
  const acceptLikely = async (file: number, project: number | null, doubt: number, choice: number) => {
    if (!preview) return;
    setRereading(true);
    try {
      setPreview(await api.send<ImportPreviewResponse>('POST', '/api/imports/likely', { token: preview.token, file, project, doubt, choice }));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setRereading(false);
    }
  };
  const corrections: Corrections = {
    editing,
    busy: rereading,
    canSave: user?.role === 'reviewer',
    save: saveTemplates,
    onSave: setSaveTemplates,
    onEdit: (file, grid, initial) => setEditing({ upload: file.upload, line: tableLine(grid), initial }),
    onApply: (file, template) => void reread(file, template),
    onClose: () => setEditing(null),
  };

  const startOver = () => {
    setFiles([]);
    setPreview(null);
    setResult(null);
    setProgress(null);
  };

  const upload = async () => {
    const form = new FormData();
    for (const f of files) if (f.originFileObj) form.append('files', f.originFileObj, f.name);
    setUploading(true);
    setProgress(0);
    setPreview(null);
    setResult(null);
    setConfirmRenames(false);
    setConfirmDoubts(false);
    setEditing(null);
    setSaveTemplates(false);
    setReading(null);
    // while the files are read (a scan page by page, for a minute or more), the page asks how far it has come (the
    // server knows the upload from its request's arrival, the files still coming, to a while after its answer)
    const id = uploadId();
    let waiting = true;
    const ask = async () => {
      try {
        const at = await api.get<UploadProgress>(`/api/imports/progress/${id}`);
        if (waiting) setReading(at);
      } catch {
        // the page goes on waiting for the answer itself
      }
      if (waiting) timer = window.setTimeout(() => void ask(), PROGRESS_POLL_MS);
    };
    let timer = window.setTimeout(() => void ask(), PROGRESS_POLL_MS);
    try {
      setPreview(await api.upload<ImportPreviewResponse>(`/api/imports/preview?progress=${id}`, form, setProgress));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      waiting = false;
      window.clearTimeout(timer);
      setReading(null);
      setUploading(false);
    }
  };

  const doCommit = async () => {
    if (!preview) return;
    try {
      setResult(await commit.mutateAsync({ token: preview.token, confirmDepartmentRenames: confirmRenames, confirmDoubts, saveTemplates }));
    } catch {
      /* shown by the mutation cache */
    }
  };

  /** The department page of an imported file, found by code or name once the list is fresh. */
  const linkOf = useMemo(() => {
    const items = departments.data?.items ?? [];
    return (file: string) => {
      const p = preview?.files.find((f) => f.file === file);
      if (!p?.department) return null;
      const d = items.find(
        (x) => (p.department!.code ? x.code === p.department!.code : x.name === p.department!.name) && (p.year === null || x.year === p.year),
      );
      return d ? `/departments/${d.id}${d.year ? `?year=${d.year}` : ''}` : null;
    };
  }, [departments.data, preview]);

  const [params, setParams] = useSearchParams();
  const tab = user?.role === 'reviewer' && params.get('tab') === 'forms' ? 'forms' : 'import';
  const tabs =
    user?.role === 'reviewer' ? (
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'forms' ? { tab: 'forms' } : {})}
        items={[
          { key: 'import', label: <span data-testid="import-tab-import">导入文件</span> },
          { key: 'forms', label: <span data-testid="import-tab-forms">表样</span> },
        ]}
      />
    ) : null;
  const page = (body: ReactNode) => (
    <div data-testid="import-page">
      <Typography.Title level={3} className="page-title">
        导入绩效目标文件
      </Typography.Title>
      {tabs}
      {body}
    </div>
  );
  if (tab === 'forms') return page(<FormTemplatesPanel />);
  return page(
    <>
      <Typography.Paragraph type="secondary" data-testid="execution-import-hint">
        年中监控的预算执行和指标完成数据（执行数据填报模板）请在 <Link to="/monitoring?tab=import">监控 → 执行数据导入</Link> 中上传。
      </Typography.Paragraph>
      {!result && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Upload.Dragger
            multiple
            accept={ACCEPT.join(',')}
            fileList={files}
            data-testid="import-upload"
            beforeUpload={(file) => {
              const ext = file.name.slice(file.name.lastIndexOf('.')).toLowerCase();
              if (!ACCEPT.includes(ext)) {
                void message.error(`${file.name}：只支持 ${ACCEPT.join('、')} 文件`);
                return Upload.LIST_IGNORE;
              }
              if (file.size > MAX_BYTES) {
                void message.error(`${file.name}：文件超过 20 MB`);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(0, MAX_FILES));
              if (fileList.length > MAX_FILES) void message.warning(`一次最多 ${MAX_FILES} 个文件`);
              setPreview(null);
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖拽文件到此处</p>
            <p className="ant-upload-hint">支持 Word（.docx/.doc）、WPS（.wps/.et）、Excel（.xlsx/.xls）、PDF（含扫描件）、扫描图像（.png/.jpg/.tif）、网页（.html）与 Word 提取的文本（.txt）；扫描件经文字识别读取，每页约需数秒；一次最多 20 个文件，每个不超过 20 MB</p>
          </Upload.Dragger>
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" disabled={files.length === 0} loading={uploading} onClick={() => void upload()} data-testid="import-preview">
              上传并预览
            </Button>
            {files.length > 0 && <Button onClick={startOver}>清空</Button>}
          </Space>
          {progress !== null && (uploading || !preview) && (
            <div style={{ marginTop: 12 }} data-testid="upload-progress">
              <Progress percent={Math.round(progress * 100)} status={uploading ? 'active' : undefined} />
              {uploading && (progress >= 1 || reading !== null) && <ReadingProgress reading={reading} />}
            </div>
          )}
        </Card>
      )}
      {preview && !result && (
        <div data-testid="import-preview-result">
          <Alert
            style={{ marginBottom: 16 }}
            type={committable > 0 ? 'info' : 'warning'}
            showIcon
            title={committable > 0 ? `将导入 ${committable} 个文件；确认前不会写入任何数据。` : '没有可以导入的文件'}
            action={
              <Space>
                {renames.length > 0 && (
                  <Checkbox checked={confirmRenames} onChange={(e) => setConfirmRenames(e.target.checked)} data-testid="import-confirm-renames">
                    确认单位更名（{renames.length} 个）
                  </Checkbox>
                )}
                {doubted.length > 0 && (
                  <Checkbox checked={confirmDoubts} onChange={(e) => setConfirmDoubts(e.target.checked)} data-testid="import-confirm-doubts">
                    已核对读取存疑的表，照此导入（{doubted.reduce((n, f) => n + f.doubted, 0)} 张，不评分）
                  </Checkbox>
                )}
                <Button type="primary" disabled={committable === 0} loading={commit.isPending} onClick={() => void doCommit()} data-testid="import-commit">
                  确认导入
                </Button>
              </Space>
            }
          />
          {preview.files.map((f, i) => (
            <FilePreview key={`${f.upload}-${i}`} file={f} corrections={corrections} busy={rereading} onLikely={(project, doubt, choice) => void acceptLikely(i, project, doubt, choice)} />
          ))}
        </div>
      )}
      {result && (
        <Card data-testid="import-results">
          {result.files.some((f) => f.status === 'imported' || f.status === 'replaced') ? (
            <Result status="success" title="导入完成" style={{ padding: 16 }} />
          ) : (
            <Result status="warning" title="没有导入任何文件" style={{ padding: 16 }} />
          )}
          {result.templates.map((t) => (
            <Alert key={t.name} type={t.saved ? 'success' : 'warning'} showIcon title={t.message} style={{ marginBottom: 12 }} data-testid="import-template-result" />
          ))}
          <Table
            size="small"
            rowKey="file"
            dataSource={result.files}
            pagination={false}
            columns={[
              { title: '文件', dataIndex: 'file' },
              {
                title: '结果',
                dataIndex: 'status',
                width: 100,
                render: (s: keyof typeof RESULT_TAGS) => (
                  <Tag color={RESULT_TAGS[s].color} data-testid="import-result-status" data-status={s}>
                    {RESULT_TAGS[s].label}
                  </Tag>
                ),
              },
              { title: '说明', dataIndex: 'message' },
              {
                title: '',
                key: 'link',
                width: 120,
                render: (_, r) => {
                  const to = r.documentId !== null ? linkOf(r.file) : null;
                  return to ? <Link to={to}>查看部门</Link> : null;
                },
              },
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={startOver} data-testid="import-again">
              继续导入
            </Button>
            <Link to="/projects">
              <Button type="primary">查看项目</Button>
            </Link>
          </Space>
        </Card>
      )}
    </>,
  );
}
