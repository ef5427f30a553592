/** Loading, error and empty states in Chinese, the same on every page. */
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';

export function Loading({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div data-testid="loading" style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" />
      <div style={{ marginTop: 12, color: '#595959' }}>{tip}</div>
    </div>
  );
}

export function ErrorState({ error, onRetry, notFound }: { error: unknown; onRetry?: () => void; notFound?: string }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404) {
    return <Result data-testid="not-found" status="404" title="未找到" subTitle={notFound ?? errorMessage(error)} />;
  }
  if (status === 403) {
    return <Result data-testid="forbidden" status="403" title="没有权限" subTitle={errorMessage(error)} />;
  }
  return (
    <Result
      data-testid="error-state"
      status="error"
      title="加载失败"
      subTitle={errorMessage(error)}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}

export function EmptyState({ description = '暂无数据' }: { description?: ReactNode }) {
  return <Empty data-testid="empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}

/** Renders a query's data, or its loading or error state. */
export function QueryState<T>({
  query,
  notFound,
  children,
}: {
  query: UseQueryResult<T>;
  notFound?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFound={notFound} />;
  return <>{children(query.data)}</>;
}
