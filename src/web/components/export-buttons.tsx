/** 导出 Word/Excel/PDF of a department's document (the browser downloads; the session cookie goes along). */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { exportUrl } from '../api/hooks';

const FORMATS = [
  { format: 'docx', label: '导出 Word' },
  { format: 'xlsx', label: '导出 Excel' },
  { format: 'pdf', label: '导出 PDF' },
] as const;

export function ExportButtons({ departmentId, year }: { departmentId: number; year: number | null }) {
  return (
    <Space.Compact>
      {FORMATS.map((f) => (
        <Button key={f.format} icon={<DownloadOutlined />} href={exportUrl(departmentId, year, f.format)} data-testid={`export-${f.format}`}>
          {f.label}
        </Button>
      ))}
    </Space.Compact>
  );
}
