// Package form holds the building blocks of v6admin's dialogs and pages,
// none of which knows an endpoint: the validated text Field (its rules are
// package validation's, the BFF's field errors shown the same way), the
// host address field with its canonical form and scope, check boxes, radio
// buttons and selects, the form Binder (the BFF's field errors applied by
// JSON path, the first invalid field found for focus), the Modal (keyboard
// and focus trap) and ConfirmDialog, TabSet, toasts (notifications.go),
// PatternFly widgets (buttons, labels, alerts, empty states, table cells),
// display formatting (format.go) and Mounted, which keeps a component's own
// go-app context for dispatches after asynchronous work.
//
// go-app's rule applies across the package boundary: a component's
// exported fields are props set by its parent and reset on each parent
// render, so a Field or a Mounted is kept in an unexported field of the
// component that owns it, and only configuration is exported.
package form
