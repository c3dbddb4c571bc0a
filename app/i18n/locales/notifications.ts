// Notification texts (under the key "notifications").
export const notificationsNb = {
  link: "Varsler",
  unread: "uleste",
  title: "Varsler",
  none: "Du har ingen varsler.",
  markAll: "Merk alle som lest",
  open: "Åpne",
  new: "Ny",
};

export type NotificationMessages = typeof notificationsNb;

export const notificationsEn: NotificationMessages = {
  link: "Notifications",
  unread: "unread",
  title: "Notifications",
  none: "You have no notifications.",
  markAll: "Mark all as read",
  open: "Open",
  new: "New",
};
