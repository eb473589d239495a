package fakeengine

import (
	"context"
	"errors"
	"testing"

	"v6admin/engine/client"
	"v6admin/engine/ovirt"
)

// TestFakeSpeaksLikeTheEngine drives the fake with the real engine client.
func TestFakeSpeaksLikeTheEngine(t *testing.T) {
	e := New()
	_, apiURL := e.Start(t)
	c, err := client.New(apiURL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Login(ctx, User, "wrong"); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("bad password: %v", err)
	}
	tok, err := c.Login(ctx, User, Password)
	if err != nil {
		t.Fatal(err)
	}
	s := c.WithToken(tok.AccessToken.Reveal())
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"list hosts", func() error { _, err := s.ListHosts(ctx, client.ListOptions{}); return err }, nil},
		{"add host", func() error {
			_, err := s.AddHost(ctx, &ovirt.Host{Name: "h1", Address: "2001:db8::1", RootPassword: "x", Cluster: ovirt.ClusterRef("c1")}, client.AddHostOptions{})
			return err
		}, nil},
		{"duplicate address", func() error {
			_, err := s.AddHost(ctx, &ovirt.Host{Name: "h2", Address: "2001:db8::1", Cluster: ovirt.ClusterRef("c1")}, client.AddHostOptions{})
			return err
		}, client.ErrConflict},
		{"unknown host", func() error { _, err := s.GetHost(ctx, "nope"); return err }, client.ErrNotFound},
		{"events", func() error {
			evs, err := s.ListEvents(ctx, client.EventsOptions{From: 0})
			if err == nil && len(evs) != 1 {
				return errors.New("want one event")
			}
			return err
		}, nil},
	}
	for _, tt := range tests {
		if err := tt.call(); !errors.Is(err, tt.want) && !(err == nil && tt.want == nil) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if err := c.Logout(ctx, tok.AccessToken.Reveal()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ListHosts(ctx, client.ListOptions{}); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("after logout: %v", err)
	}
}
