package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// doc1K is a ~1 KB JSON document shaped like a host NIC.
func doc1K(i int) []byte {
	return fmt.Appendf(nil, `{"id":"nic-%06d","name":"eth%d","mac":{"address":"56:6f:00:00:%02x:%02x"},"mtu":"1500","boot_protocol":"dhcp","ipv6_boot_protocol":"autoconf","description":"%s"}`,
		i, i%64, i/256%256, i%256, strings.Repeat("d", 800))
}

func seed(b *testing.B, s *Store, n int) {
	b.Helper()
	mustUpdate(b, s, func(tx *Tx) error {
		for i := range n {
			if err := tx.Put("host_nic", fmt.Sprintf("nic-%06d", i), "host-1", fmt.Sprint("eth", i), doc1K(i)); err != nil {
				return err
			}
		}
		return nil
	})
}

func BenchmarkList5000(b *testing.B) {
	s, _ := openTest(b)
	seed(b, s, 5000)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		docs, err := s.List(ctx, "host_nic", "host-1")
		if err != nil || len(docs) != 5000 {
			b.Fatalf("List: %d docs, %v", len(docs), err)
		}
	}
}

func BenchmarkListJSON5000(b *testing.B) {
	type nic struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		MTU  string `json:"mtu"`
	}
	s, _ := openTest(b)
	seed(b, s, 5000)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s.View(ctx, func(tx *Tx) error {
			nics, err := ListJSON[nic](tx, "host_nic", "host-1")
			if err != nil || len(nics) != 5000 {
				b.Fatalf("ListJSON: %d, %v", len(nics), err)
			}
			return nil
		})
	}
}

func BenchmarkGet(b *testing.B) {
	s, _ := openTest(b)
	seed(b, s, 5000)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := s.Get(ctx, "host_nic", fmt.Sprintf("nic-%06d", i%5000)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkUpdateSmall measures one durable (fsynced) write transaction.
func BenchmarkUpdateSmall(b *testing.B) {
	s, _ := openTest(b)
	ctx := context.Background()
	body := []byte(`{"status":"up"}`)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		err := s.Update(ctx, func(tx *Tx) error {
			return tx.Put("host", fmt.Sprint("h", i%100), "", "", body)
		})
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}
