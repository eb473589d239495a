package apierr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"v6admin/wire"
)

func TestHandler(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		err     error
		status  int
		body    string
		logs    string
		noLeaks string
	}{
		{"envelope with fields", "POST", Validation(map[string]wire.FieldError{"address": {Code: "brackets_not_allowed", Message: "Remove the brackets."}}), 400,
			`{"code":"validation_failed","message":"Some fields are not valid.","fields":{"address":{"code":"brackets_not_allowed","message":"Remove the brackets."}}}`, "", ""},
		{"masked internal error", "GET", errors.New("db password=hunter2 failed"), 500,
			`{"code":"internal","message":"Something went wrong on the server."}`, "level=ERROR", "hunter2"},
		{"cause logged not shown", "GET", Internal(errors.New("disk full")), 500, `{"code":"internal","message":"Something went wrong on the server."}`, "disk full", "disk full"},
		{"echo 404", "GET", echo.ErrNotFound, 404, `{"code":"not_found","message":"The requested resource was not found."}`, "", ""},
		{"echo 405", "GET", echo.ErrMethodNotAllowed, 405, `{"code":"method_not_allowed","message":"This method is not allowed here."}`, "", ""},
		{"echo 413", "POST", echo.ErrStatusRequestEntityTooLarge, 413, `"code":"body_too_large"`, "", ""},
		{"timeout", "GET", fmt.Errorf("x: %w", context.DeadlineExceeded), 504, `"code":"engine_timeout"`, "", ""},
		{"HEAD gets no body", "HEAD", NotFound(""), 404, ``, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			h := Handler(Options{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			e := echo.New()
			w := httptest.NewRecorder()
			c := e.NewContext(httptest.NewRequest(tt.method, "/x", nil), w)
			h(tt.err, c)
			body := strings.TrimSpace(w.Body.String())
			if w.Code != tt.status || !strings.Contains(body, tt.body) || (tt.body == "" && body != "") {
				t.Fatalf("%d %s", w.Code, body)
			}
			if tt.noLeaks != "" && strings.Contains(body, tt.noLeaks) {
				t.Fatalf("body leaks %q", tt.noLeaks)
			}
			if !strings.Contains(logs.String(), tt.logs) {
				t.Fatalf("logs %q lack %q", logs.String(), tt.logs)
			}
			if w.Header().Get("Cache-Control") != "no-store" {
				t.Fatal("cacheable error")
			}
		})
	}
}

func TestOnErrorAndHeaders(t *testing.T) {
	var seen string
	h := Handler(Options{OnError: func(c echo.Context, e *Error) { seen = e.Code }})
	w := httptest.NewRecorder()
	c := echo.New().NewContext(httptest.NewRequest("GET", "/", nil), w)
	e := New(http.StatusTooManyRequests, CodeRateLimited, "slow down")
	e.Header = http.Header{"Retry-After": {"7"}}
	h(e, c)
	if seen != CodeRateLimited || w.Header().Get("Retry-After") != "7" || w.Code != 429 {
		t.Fatalf("%q %v %d", seen, w.Header(), w.Code)
	}
	if got := (&Error{ErrorEnvelope: wire.ErrorEnvelope{Code: "a", Message: "b", Fields: map[string]wire.FieldError{"y": {}, "x": {}}}, Cause: errors.New("c")}).Error(); got != "a: b (fields: x, y): c" {
		t.Fatalf("Error() = %q", got)
	}
}
