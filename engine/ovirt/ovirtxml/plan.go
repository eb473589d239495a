package ovirtxml

import (
	"reflect"
	"strings"
	"sync"

	"v6admin/engine/ovirt"
)

// kind is how a Go type is written in XML.
type kind uint8

const (
	kString  kind = iota // string and the enums (typed strings)
	kBool                // ovirt.Bool
	kInt                 // ovirt.Int, ovirt.Long
	kDecimal             // ovirt.Decimal
	kTime                // ovirt.Time
	kSecret              // ovirt.Secret: read only
	kStruct              // a nested element
	kPtr                 // a pointer to any of these
	kSlice               // repeated elements
	kInvalid             // a type the wire model does not use (maps, numbers, …)
)

var (
	tBool    = reflect.TypeFor[ovirt.Bool]()
	tInt     = reflect.TypeFor[ovirt.Int]()
	tLong    = reflect.TypeFor[ovirt.Long]()
	tDecimal = reflect.TypeFor[ovirt.Decimal]()
	tTime    = reflect.TypeFor[ovirt.Time]()
	tSecret  = reflect.TypeFor[ovirt.Secret]()
	tLink    = reflect.TypeFor[ovirt.Link]()
)

// codec is the plan of one Go type.
type codec struct {
	typ  reflect.Type
	kind kind
	elem *codec // kPtr, kSlice: the element's plan

	// kStruct
	attrs  []*field // written as attributes (id, href; every member of a link)
	elems  []*field // written as child elements, in declaration order
	fields []*field // all, in declaration order (field.order)
	byName map[string]*field
}

// field is one struct member.
type field struct {
	name      string
	index     int
	order     int // in codec.fields
	omitEmpty bool
	omitZero  bool
	attr      bool
	codec     *codec
}

var plans sync.Map // reflect.Type → *codec

// planOf returns the cached plan of t.
func planOf(t reflect.Type) *codec {
	if c, ok := plans.Load(t); ok {
		return c.(*codec)
	}
	mu.Lock()
	defer mu.Unlock()
	building := map[reflect.Type]*codec{}
	c := build(t, building)
	// Publish only complete plans: a plan refers to others of the same
	// build (recursive types).
	for bt, bc := range building {
		plans.Store(bt, bc)
	}
	return c
}

// mu serialises builds.
var mu sync.Mutex

// build computes the plan of t; building holds the plans under
// construction (recursive types: a Vm's Host has Vms…).
func build(t reflect.Type, building map[reflect.Type]*codec) *codec {
	if c, ok := plans.Load(t); ok {
		return c.(*codec)
	}
	if c, ok := building[t]; ok {
		return c
	}
	c := &codec{typ: t}
	building[t] = c
	switch {
	case t == tBool:
		c.kind = kBool
	case t == tInt || t == tLong:
		c.kind = kInt
	case t == tDecimal:
		c.kind = kDecimal
	case t == tTime:
		c.kind = kTime
	case t == tSecret:
		c.kind = kSecret
	case t.Kind() == reflect.String:
		c.kind = kString
	case t.Kind() == reflect.Pointer:
		c.kind = kPtr
		c.elem = build(t.Elem(), building)
	case t.Kind() == reflect.Slice:
		c.kind = kSlice
		c.elem = build(t.Elem(), building)
	case t.Kind() == reflect.Struct:
		c.kind = kStruct
		c.byName = map[string]*field{}
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if !sf.IsExported() || tag == "-" || tag == "" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			f := &field{
				name:      name,
				index:     i,
				omitEmpty: strings.Contains(","+opts+",", ",omitempty,"),
				omitZero:  strings.Contains(","+opts+",", ",omitzero,"),
				attr:      t == tLink || name == "id" || name == "href",
				codec:     build(sf.Type, building),
			}
			f.order = len(c.fields)
			c.fields = append(c.fields, f)
			if f.attr {
				c.attrs = append(c.attrs, f)
			} else {
				c.elems = append(c.elems, f)
			}
			c.byName[name] = f
		}
	default:
		c.kind = kInvalid
	}
	return c
}

// roots maps each type written as a document root to its element name.
var roots sync.Map // reflect.Type → string

func init() {
	roots.Store(reflect.TypeFor[ovirt.Api](), "api")
	roots.Store(reflect.TypeFor[ovirt.Action](), "action")
	roots.Store(reflect.TypeFor[ovirt.Fault](), "fault")
	// Every collection type: its key names its items, key+"s" the
	// collection (the model's plural; go-ovirt's readers expect it).
	for _, w := range []any{
		ovirt.Hosts{}, ovirt.HostNics{}, ovirt.NetworkAttachments{}, ovirt.NetworkLabels{}, ovirt.Agents{},
		ovirt.OpenStackNetworkProviders{}, ovirt.ExternalHostProviders{}, ovirt.ExternalProviders{},
		ovirt.Certificates{}, ovirt.StorageDomains{}, ovirt.HostStorages{}, ovirt.LogicalUnits{},
		ovirt.DataCenters{}, ovirt.Clusters{}, ovirt.Networks{}, ovirt.Events{}, ovirt.Jobs{}, ovirt.Steps{},
		ovirt.Statistics{}, ovirt.Vms{}, ovirt.Nics{}, ovirt.Sessions{}, ovirt.GraphicsConsoles{},
		ovirt.ReportedDevices{}, ovirt.VnicProfiles{},
	} {
		t := reflect.TypeOf(w)
		f := t.Field(0)
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		roots.Store(t, key+"s")
		roots.Store(f.Type.Elem(), key)
	}
}

// RootName is the element name of a document whose root is a value of type
// t (or *t); ok is false for a type that is never a document root.
func RootName(t reflect.Type) (string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	n, ok := roots.Load(t)
	if !ok {
		return "", false
	}
	return n.(string), true
}
