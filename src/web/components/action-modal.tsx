/**
 * A dialog whose OK button sends a request (issue 38): while the request is under way the OK
 * button shows it is working (antd's loading state, which also ignores further clicks) and the
 * dialog cannot be closed from under it; when the server refuses it, the reason stays in the
 * dialog, right above its buttons, until the user tries again or closes the dialog — not only a
 * toast that vanishes. The request's state comes from a react-query mutation (or several, merged
 * with requestState).
 *
 *   const withdraw = useWithdrawRectification(id);
 *   <ActionModal open={open} request={withdraw} onOk={() => withdraw.mutate(...)} onCancel={close}
 *     okButtonProps={{ 'data-testid': 'x-confirm' }} errorTestId="x-error">…</ActionModal>
 */
import { Alert, Modal, type FormInstance, type ModalProps } from 'antd';
import { errorMessage } from '../api/client';

/** What the dialog needs of its request: whether it is under way, its failure, and a way to forget it. */
export interface RequestState {
  isPending: boolean;
  error: unknown;
  reset?: () => void;
}

/** The state of several requests one dialog may send (e.g. a save and a submit): the first failure shows. */
export function requestState(...requests: RequestState[]): RequestState {
  return {
    isPending: requests.some((r) => r.isPending),
    error: requests.find((r) => r.error != null)?.error ?? null,
    reset: () => requests.forEach((r) => r.reset?.()),
  };
}

/**
 * Sends `send(values)` when the dialog's form is valid. When it is not, the form already shows
 * what is missing beside each field, and nothing is sent: the refusal of validateFields is
 * expected there, not an uncaught rejection in the page.
 */
export function whenValid<T>(form: FormInstance<T>, send: (values: T) => void): void {
  form.validateFields().then(send, () => {});
}

export interface ActionModalProps extends Omit<ModalProps, 'confirmLoading' | 'footer'> {
  request: RequestState;
  /** data-testid of the failure shown above the buttons (default "dialog-error"). */
  errorTestId?: string;
}

export function ActionModal({ request, errorTestId = 'dialog-error', okButtonProps, cancelButtonProps, afterClose, onCancel, ...props }: ActionModalProps) {
  const pending = request.isPending;
  return (
    <Modal
      {...props}
      confirmLoading={pending}
      okButtonProps={okButtonProps}
      cancelButtonProps={{ ...cancelButtonProps, disabled: pending || cancelButtonProps?.disabled }}
      // not closed from under a request: its answer would have nowhere to show
      onCancel={(e) => {
        if (!pending) onCancel?.(e);
      }}
      maskClosable={!pending && props.maskClosable !== false}
      keyboard={!pending && props.keyboard !== false}
      afterClose={() => {
        // a failure shown the last time is not shown again when the dialog opens anew
        request.reset?.();
        afterClose?.();
      }}
      footer={(buttons) => (
        <>
          {request.error != null && (
            <Alert type="error" showIcon title={errorMessage(request.error)} style={{ textAlign: 'left', marginBottom: 8 }} data-testid={errorTestId} />
          )}
          {buttons}
        </>
      )}
    />
  );
}
