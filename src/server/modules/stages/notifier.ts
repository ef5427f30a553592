/**
 * Where notifications go (issue 33). Everything that notifies someone — a 催办, a stage passing its
 * deadline — hands its notices to a Notifier; the one implementation stores them as in-app
 * notifications (the bell, the 通知 page). Nothing leaves the system. An SMS or mail channel would
 * be a second Notifier (or one wrapping this one) that also sends each notice to the account's
 * phone or address: accounts would need those fields, and the send would happen after the
 * transaction that stored the notices commits, from a queue, so that a slow gateway never holds a
 * request or a database lock.
 */
import { insertNotifications, type NewNotification } from '../../db/notification.repository';
import type { Db } from '../../db/schema';

export interface Notifier {
  /** Delivers the notices; a notice with a dedupe key an account already has is skipped. Returns how many were delivered. */
  deliver(db: Db, notices: readonly NewNotification[]): Promise<number>;
}

/** The in-app notifier: a row per account in `notification`. */
export const inAppNotifier: Notifier = {
  deliver: (db, notices) => insertNotifications(db, notices),
};
