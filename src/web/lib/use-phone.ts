/**
 * Whether the screen is a phone's (issue 71): narrower than antd's md breakpoint (768 px), where a table of many
 * columns would put what a person acts on (the queue's 转报 and 退回, an audit entry's 内容) off the screen, and a
 * page shows each row as a block instead. False until the width is known: the page the server draws is the wide one.
 */
import { Grid } from 'antd';

export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
