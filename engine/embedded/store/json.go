package store

import (
	"encoding/json"
	"fmt"
)

// GetJSON decodes document (kind, id) into a T. It returns ErrNotFound if the
// document does not exist.
func GetJSON[T any](tx *Tx, kind, id string) (T, error) {
	var v T
	b, err := tx.Get(kind, id)
	if err != nil {
		return v, err
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, fmt.Errorf("store: decode %s/%s: %w", kind, id, err)
	}
	return v, nil
}

// PutJSON encodes v as JSON and stores it with Tx.Put.
func PutJSON(tx *Tx, kind, id, parent, name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %s/%s: %w", kind, id, err)
	}
	return tx.Put(kind, id, parent, name, b)
}

// ListJSON decodes the documents of kind under parent, in insertion order.
func ListJSON[T any](tx *Tx, kind, parent string) ([]T, error) {
	bs, err := tx.List(kind, parent)
	if err != nil {
		return nil, err
	}
	return decodeAll[T](kind, bs)
}

// ListAllJSON decodes all documents of kind, in insertion order.
func ListAllJSON[T any](tx *Tx, kind string) ([]T, error) {
	bs, err := tx.ListAll(kind)
	if err != nil {
		return nil, err
	}
	return decodeAll[T](kind, bs)
}

// ListAfterJSON decodes the documents of Tx.ListAfter.
func ListAfterJSON[T any](tx *Tx, kind string, after int64, limit int) ([]T, error) {
	bs, err := tx.ListAfter(kind, after, limit)
	if err != nil {
		return nil, err
	}
	return decodeAll[T](kind, bs)
}

// ListNewestJSON decodes the documents of Tx.ListNewest.
func ListNewestJSON[T any](tx *Tx, kind string, limit int) ([]T, error) {
	bs, err := tx.ListNewest(kind, limit)
	if err != nil {
		return nil, err
	}
	return decodeAll[T](kind, bs)
}

func decodeAll[T any](kind string, bs [][]byte) ([]T, error) {
	out := make([]T, len(bs))
	for i, b := range bs {
		if err := json.Unmarshal(b, &out[i]); err != nil {
			return nil, fmt.Errorf("store: decode %s #%d: %w", kind, i, err)
		}
	}
	return out, nil
}
