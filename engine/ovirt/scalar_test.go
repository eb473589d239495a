package ovirt

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// decodeCase is one input for a scalar decoder: want is the decoded value
// (ignored when wantErr).
type decodeCase[T comparable] struct {
	in      string
	want    T
	wantErr bool
}

func runDecode[T comparable](t *testing.T, name string, cases []decodeCase[T], initial T) {
	t.Helper()
	for _, tc := range cases {
		t.Run(name+"/"+tc.in, func(t *testing.T) {
			// Through encoding/json (as a struct field) ...
			var s struct{ V T }
			s.V = initial
			err := json.Unmarshal([]byte(`{"V":`+tc.in+`}`), &s)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("decode %s: no error, got %v", tc.in, s.V)
				}
				return
			}
			if err != nil {
				t.Fatalf("decode %s: %v", tc.in, err)
			}
			if s.V != tc.want {
				t.Errorf("decode %s = %v, want %v", tc.in, s.V, tc.want)
			}
		})
	}
}

func TestBoolDecode(t *testing.T) {
	runDecode(t, "Bool", []decodeCase[Bool]{
		{in: `"true"`, want: true},
		{in: `"false"`, want: false},
		{in: `true`, want: true},
		{in: ` false `, want: false},
		{in: `null`, want: true}, // unchanged
		{in: `"TRUE"`, wantErr: true},
		{in: `"True"`, wantErr: true},
		{in: `" true"`, wantErr: true},
		{in: `""`, wantErr: true},
		{in: `"yes"`, wantErr: true},
		{in: `1`, wantErr: true},
		{in: `"1"`, wantErr: true},
		{in: `{}`, wantErr: true},
		{in: `[]`, wantErr: true},
		{in: `"null"`, wantErr: true},
	}, true)
}

func TestIntDecode(t *testing.T) {
	cases := []decodeCase[Int]{
		{in: `"54321"`, want: 54321},
		{in: `54321`, want: 54321},
		{in: `"-1"`, want: -1},
		{in: `-1`, want: -1},
		{in: `"0"`, want: 0},
		{in: `"9223372036854775807"`, want: math.MaxInt64},
		{in: `null`, want: 7}, // unchanged
		{in: `"1.5"`, wantErr: true},
		{in: `1.5`, wantErr: true},
		{in: `1e3`, wantErr: true},
		{in: `"1e3"`, wantErr: true},
		{in: `"+1"`, wantErr: true},
		{in: `" 1"`, wantErr: true},
		{in: `"1 "`, wantErr: true},
		{in: `""`, wantErr: true},
		{in: `"abc"`, wantErr: true},
		{in: `"0x10"`, wantErr: true},
		{in: `"1_000"`, wantErr: true},
		{in: `"01"`, wantErr: true},
		{in: `9223372036854775808`, wantErr: true},
		{in: `true`, wantErr: true},
		{in: `"true"`, wantErr: true},
		{in: `[1]`, wantErr: true},
	}
	runDecode(t, "Int", cases, 7)
	longCases := make([]decodeCase[Long], len(cases))
	for i, c := range cases {
		longCases[i] = decodeCase[Long]{c.in, Long(c.want), c.wantErr}
	}
	runDecode(t, "Long", longCases, 7)
}

func TestDecimalDecode(t *testing.T) {
	runDecode(t, "Decimal", []decodeCase[Decimal]{
		{in: `1234.5`, want: 1234.5},
		{in: `"1234.5"`, want: 1234.5},
		{in: `2600`, want: 2600},
		{in: `"-1e3"`, want: -1000},
		{in: `null`, want: 3},
		{in: `"NaN"`, wantErr: true},
		{in: `"Inf"`, wantErr: true},
		{in: `"-Infinity"`, wantErr: true},
		{in: `1e400`, wantErr: true},
		{in: `"0x1p-2"`, wantErr: true},
		{in: `".5"`, wantErr: true},
		{in: `""`, wantErr: true},
		{in: `false`, wantErr: true},
	}, 3)
}

func TestTimeDecode(t *testing.T) {
	ms := func(v int64) Time { return TimeFromMillis(v) }
	runDecode(t, "Time", []decodeCase[Time]{
		{in: `1700000000000`, want: ms(1700000000000)},
		{in: `"1700000000000"`, want: ms(1700000000000)},
		{in: `0`, want: ms(0)},
		{in: `-1`, want: ms(-1)},
		{in: `8640000000000000`, want: ms(maxMillis)},
		{in: `null`, want: ms(5)},
		{in: `8640000000000001`, wantErr: true},
		{in: `-9223372036854775808`, wantErr: true},
		{in: `1.7e12`, wantErr: true},
		{in: `"2024-01-01T00:00:00Z"`, wantErr: true},
		{in: `true`, wantErr: true},
	}, ms(5))
}

func TestScalarErrorsAreTyped(t *testing.T) {
	var b Bool
	err := b.UnmarshalJSON([]byte(`"maybe"`))
	var se *ScalarError
	if !errors.As(err, &se) || se.Kind != "boolean" {
		t.Fatalf("err = %#v", err)
	}
	// Direct calls with malformed bytes must error, not panic.
	for _, in := range []string{``, ` `, `"`, `"\`, `tru`, `-`, `1.`, `{`, `"\u12"`} {
		var i Int
		var l Long
		var d Decimal
		var tm Time
		for _, err := range []error{b.UnmarshalJSON([]byte(in)), i.UnmarshalJSON([]byte(in)),
			l.UnmarshalJSON([]byte(in)), d.UnmarshalJSON([]byte(in)), tm.UnmarshalJSON([]byte(in))} {
			if err == nil {
				t.Errorf("%q: no error", in)
			}
		}
	}
}

func TestScalarEncode(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{Bool(true), `"true"`},
		{Bool(false), `"false"`},
		{NewBool(false), `"false"`},
		{Int(54321), `"54321"`},
		{NewInt(-1), `"-1"`},
		{Long(33538048000), `"33538048000"`},
		{NewLong(uint32(7)), `"7"`},
		{Decimal(2600), `2600`},
		{Decimal(1234.5), `1234.5`},
		{Decimal(1e21), `1e+21`},
		{TimeFromMillis(1718000000000), `1718000000000`},
		{NewTime(time.Date(2024, 6, 10, 6, 13, 20, 999_999_999, time.FixedZone("x", 3600))), `1717996400999`},
		{(*Bool)(nil), `null`},
	} {
		got, err := json.Marshal(tc.v)
		if err != nil || string(got) != tc.want {
			t.Errorf("Marshal(%#v) = %s, %v; want %s", tc.v, got, err, tc.want)
		}
	}
	for _, v := range []any{Decimal(math.NaN()), Decimal(math.Inf(1)), Time{time.Date(300000, 1, 1, 0, 0, 0, 0, time.UTC)}} {
		if b, err := json.Marshal(v); err == nil {
			t.Errorf("Marshal(%v) = %s, want error", v, b)
		}
	}
}

func TestAccessorsNilSafe(t *testing.T) {
	var (
		b *Bool
		i *Int
		l *Long
		d *Decimal
		m *Time
		s *string
	)
	if b.Value() || !b.Or(true) || i.Value() != 0 || i.Or(120) != 120 || l.Value() != 0 || l.Or(3) != 3 ||
		d.Value() != 0 || !m.Value().IsZero() || Deref(s) != "" {
		t.Error("nil accessors")
	}
	if !NewBool(true).Value() || NewBool(false).Or(true) || NewInt(5).Or(1) != 5 || NewLong(6).Value() != 6 ||
		NewDecimal(1.5).Value() != 1.5 || *Ptr("x") != "x" || Deref(Ptr(HostStatusUp)) != HostStatusUp {
		t.Error("non-nil accessors")
	}
}

// TestNonNull: unset members are absent, explicit false/0/"" pointers are
// written, null input leaves pointers nil.
func TestNonNull(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{Host{}, `{}`},
		{HostNic{}, `{}`},
		{Action{}, `{}`},
		{HostNic{Bridged: NewBool(false), Mtu: NewInt(0), Speed: NewLong(0)}, `{"speed":"0","mtu":"0","bridged":"false"}`},
		{Host{Comment: Ptr("")}, `{"comment":""}`},
		{Action{Async: NewBool(false)}, `{"async":"false"}`},
		{NetworkAttachment{IpAddressAssignments: &IpAddressAssignments{}}, `{"ip_address_assignments":{}}`},
	} {
		got, err := json.Marshal(tc.v)
		if err != nil || string(got) != tc.want {
			t.Errorf("Marshal(%T) = %s, %v; want %s", tc.v, got, err, tc.want)
		}
	}
	var n HostNic
	if err := json.Unmarshal([]byte(`{"bridged":null,"mtu":null,"speed":null,"ip":null,"name":null}`), &n); err != nil {
		t.Fatal(err)
	}
	if n.Bridged != nil || n.Mtu != nil || n.Speed != nil || n.Ip != nil || n.Name != "" {
		t.Errorf("null decoded into %+v", n)
	}
	// Input accepts native JSON scalars (what browsers send).
	var a Action
	if err := json.Unmarshal([]byte(`{"async":false,"check_connectivity":true,"connectivity_timeout":60}`), &a); err != nil {
		t.Fatal(err)
	}
	if out, _ := json.Marshal(a); string(out) != `{"async":"false","check_connectivity":"true","connectivity_timeout":"60"}` {
		t.Errorf("native input re-encoded as %s", out)
	}
}

func TestEmptyCollections(t *testing.T) {
	for _, v := range []any{
		Hosts{}, Hosts{Host: []Host{}}, HostNics{}, NetworkAttachments{}, NetworkLabels{}, Agents{},
		OpenStackNetworkProviders{}, ExternalHostProviders{}, ExternalProviders{}, StorageDomains{},
		HostStorages{}, LogicalUnits{}, IscsiDetailsList{}, IscsiTargets{}, DataCenters{}, Clusters{},
		Networks{}, Events{}, Jobs{}, Steps{}, Statistics{}, Certificates{}, Properties{}, Options{}, PmProxies{},
		IpAddressAssignments{}, ReportedConfigurations{}, NameServers{}, NetworkUsages{}, Versions{}, Values{},
	} {
		if got, err := json.Marshal(v); err != nil || string(got) != `{}` {
			t.Errorf("Marshal(%T{}) = %s, %v; want {}", v, got, err)
		}
	}
	var hs Hosts
	if err := json.Unmarshal([]byte(`{}`), &hs); err != nil || len(hs.Host) != 0 {
		t.Errorf("decode {} = %+v, %v", hs, err)
	}
	if got, _ := json.Marshal(Hosts{Host: []Host{{ID: "1"}}}); string(got) != `{"host":[{"id":"1"}]}` {
		t.Errorf("hosts = %s", got)
	}
}

func TestPasswordsNeverWritten(t *testing.T) {
	const pw = "s3cr3t-pw"
	values := []any{
		Host{Name: "h", RootPassword: pw, Ssh: &Ssh{User: &User{UserName: "root", Password: pw}}},
		&Host{RootPassword: pw, Iscsi: &IscsiDetails{Password: pw}},
		Agent{Address: "2001:db8::5", Username: "admin", Password: pw},
		Agents{Agent: []Agent{{Password: pw}}},
		OpenStackNetworkProvider{Name: "ovn", Username: "u", Password: pw},
		ExternalHostProvider{Name: "f", Password: pw},
		ExternalProvider{Password: pw},
		StorageDomain{Storage: &HostStorage{Password: pw, LogicalUnits: &LogicalUnits{LogicalUnit: []LogicalUnit{{Password: pw}}}}},
		IscsiDetails{Address: "2001:db8::5", Password: pw},
		Action{RootPassword: pw, Iscsi: &IscsiDetails{Password: pw}, Ssh: &Ssh{User: &User{Password: pw}},
			DiscoveredTargets: &IscsiDetailsList{IscsiDetails: []IscsiDetails{{Password: pw}}}},
		User{Password: pw},
	}
	for _, v := range values {
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("Marshal(%T): %v", v, err)
		}
		if strings.Contains(string(out), pw) || strings.Contains(string(out), "password") {
			t.Errorf("%T leaked: %s", v, out)
		}
		if s := fmt.Sprintf("%v %+v %#v", v, v, v); strings.Contains(s, pw) {
			t.Errorf("%T leaked through fmt: %s", v, s)
		}
	}
	// Decoding keeps the value.
	var h Host
	if err := json.Unmarshal([]byte(`{"root_password":"`+pw+`","ssh":{"user":{"password":"`+pw+`"}}}`), &h); err != nil {
		t.Fatal(err)
	}
	if h.RootPassword.Reveal() != pw || h.Ssh.User.Password.Reveal() != pw {
		t.Errorf("password not decoded: %q", h.RootPassword.Reveal())
	}
	// A Secret outside an omitzero field refuses to marshal.
	for _, v := range []any{Secret(pw), map[string]Secret{"password": pw}, struct{ P Secret }{pw}} {
		if out, err := json.Marshal(v); !errors.Is(err, ErrSecretMarshal) {
			t.Errorf("Marshal(%T) = %s, %v; want ErrSecretMarshal", v, out, err)
		}
	}
	if Secret("").String() != "" || Secret(pw).String() == pw {
		t.Error("Secret.String")
	}
}

func TestFaultError(t *testing.T) {
	var err error = &Fault{Reason: "Operation Failed", Detail: "[x]"}
	if err.Error() != "Operation Failed: [x]" {
		t.Error(err)
	}
	if (&Fault{Reason: "r"}).Error() != "r" || (&Fault{Detail: "d"}).Error() != "d" {
		t.Error("partial fault")
	}
	var f *Fault
	if !errors.As(fmt.Errorf("wrap: %w", err), &f) || f.Detail != "[x]" {
		t.Error("errors.As")
	}
	if (&Action{Status: ActionStatusFailed}).Err() == nil || (*Action)(nil).Err() != nil ||
		(&Action{Status: ActionStatusComplete}).Err() != nil {
		t.Error("Action.Err")
	}
}

func TestSSO(t *testing.T) {
	var tok SSOToken
	load(t, "sso_token.json", &tok)
	if tok.ExpiresAt().UnixMilli() != 9223372036854775807 || // Long.MAX_VALUE: no expiry (SsoService)
		(*SSOToken)(nil).ExpiresAt() != (time.Time{}) {
		t.Errorf("token = %+v", tok)
	}
	var e1, e2 SSOError
	load(t, "sso_error.json", &e1)
	load(t, "sso_error_oauth.json", &e2)
	if e1.Code() != SSOErrorAccessDenied || !strings.HasPrefix(e1.Message(), "Cannot authenticate") ||
		e2.Code() != SSOErrorInvalidGrant || !strings.HasPrefix(e2.Message(), "The provided") {
		t.Errorf("sso errors: %+v %+v", e1, e2)
	}
	var err error = NewSSOError(SSOErrorInvalidScope, "bad scope")
	if err.Error() != "sso: invalid_scope: bad scope" {
		t.Error(err)
	}
	if out, _ := json.Marshal(NewSSOError("access_denied", "m")); string(out) != `{"error_code":"access_denied","error":"m"}` {
		t.Errorf("sso error = %s", out)
	}
}

func TestHref(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Href("hosts"), "/ovirt-engine/api/hosts"},
		{Href("hosts", "0bd2", "nics", "9c3e"), "/ovirt-engine/api/hosts/0bd2/nics/9c3e"},
		{Href("hosts", "a/b c"), "/ovirt-engine/api/hosts/a%2Fb%20c"},
		{HostRef("h1").Href, "/ovirt-engine/api/hosts/h1"},
		{HostNicRef("h1", "n1").Href, "/ovirt-engine/api/hosts/h1/nics/n1"},
		{ClusterRef("c").Href, "/ovirt-engine/api/clusters/c"},
		{DataCenterRef("d").Href, "/ovirt-engine/api/datacenters/d"},
		{NetworkRef("n").Href, "/ovirt-engine/api/networks/n"},
		{StorageDomainRef("s").Href, "/ovirt-engine/api/storagedomains/s"},
		{JobRef("j").Href, "/ovirt-engine/api/jobs/j"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
	out, _ := json.Marshal(Host{ID: "h1", Href: Href("hosts", "h1"), Actions: NewActions(Href("hosts", "h1"), "fence"),
		Link: SubLinks(Href("hosts", "h1"), "nics")})
	want := `{"id":"h1","href":"/ovirt-engine/api/hosts/h1",` +
		`"link":[{"href":"/ovirt-engine/api/hosts/h1/nics","rel":"nics"}],` +
		`"actions":{"link":[{"href":"/ovirt-engine/api/hosts/h1/fence","rel":"fence"}]}}`
	if string(out) != want {
		t.Errorf("got %s\nwant %s", out, want)
	}
	if _, ok := (*Actions)(nil).Find("x"); ok {
		t.Error("nil Actions.Find")
	}
}

func TestMarshalWithSecrets(t *testing.T) {
	h := &Host{Name: "h", Address: "2001:db8::11", Port: NewInt(54321), Memory: NewLong(5), RootPassword: "pw1",
		Cluster: &Cluster{Name: "Default"}, Ssh: &Ssh{User: &User{UserName: "root", Password: "pw2"}}}
	out, err := MarshalWithSecrets(h)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"address":"2001:db8::11","cluster":{"name":"Default"},"memory":"5","name":"h","port":"54321",` +
		`"root_password":"pw1","ssh":{"user":{"password":"pw2","user_name":"root"}}}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	sd := StorageDomains{StorageDomain: []StorageDomain{{Storage: &HostStorage{LogicalUnits: &LogicalUnits{
		LogicalUnit: []LogicalUnit{{ID: "l1"}, {ID: "l2", Password: "pw3"}}}}}}}
	out, err = MarshalWithSecrets(sd)
	if err != nil || !strings.Contains(string(out), `{"id":"l2","password":"pw3"}`) {
		t.Errorf("got %s, %v", out, err)
	}
	// Without secrets the output is json.Marshal's.
	a := Agent{Address: "x", Order: NewInt(1)}
	plain, _ := json.Marshal(a)
	if out, err := MarshalWithSecrets(a); err != nil || string(out) != string(plain) {
		t.Errorf("got %s, %v", out, err)
	}
	// The ordinary encoding still omits them.
	if plain, _ := json.Marshal(h); strings.Contains(string(plain), "pw") {
		t.Errorf("json.Marshal leaked: %s", plain)
	}
}

func TestSecretNeverPrinted(t *testing.T) {
	type holder struct {
		Name string
		Pw   Secret
	}
	v := holder{Name: "x", Pw: "hunter2"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%X", "%T %v"} {
		for _, arg := range []any{v, &v, v.Pw} {
			if out := fmt.Sprintf(verb, arg); strings.Contains(out, "hunter2") || strings.Contains(out, "68756e74657232") || strings.Contains(out, "68756E74657232") {
				t.Errorf("Sprintf(%q) = %q leaks the secret", verb, out)
			}
		}
	}
	if v.Pw.Reveal() != "hunter2" {
		t.Error("Reveal")
	}
}
