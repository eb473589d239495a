package validation

import (
	"strings"
	"testing"
)

func TestStorageDomainName(t *testing.T) {
	tests := []struct {
		in   string
		code Code
		hint string
	}{
		{"data-1_A", "", ""},
		{strings.Repeat("a", 50), "", ""},
		{strings.Repeat("a", 51), CodeTooLong, ""},
		{"", CodeEmpty, ""},
		{"my domain", CodeSyntax, "Spaces are not allowed: use - or _."},
		{"nfs.data", CodeSyntax, ""}, // '.' is fine for hosts, not for domains
		{"données", CodeSyntax, ""},
		{"a/b", CodeSyntax, ""},
	}
	for _, tt := range tests {
		err := StorageDomainName(tt.in)
		if CodeOf(err) != tt.code {
			t.Errorf("%q: code %q, want %q (%v)", tt.in, CodeOf(err), tt.code, err)
			continue
		}
		if err == nil {
			continue
		}
		e := err.(*Error)
		if tt.code != CodeEmpty && e.Message != MsgStorageDomainName || e.Hint != tt.hint {
			t.Errorf("%q: %+v", tt.in, e)
		}
	}
}

func TestNFSMountOptions(t *testing.T) {
	tests := []struct {
		in   string
		code Code
		msg  string
	}{
		{"", "", ""},
		{"rsize=1, wsize=2", "", ""}, // the engine trims each key
		{"rsize=1048576,wsize=1048576,soft", "", ""},
		{"noac,sec=krb5p", "", ""},
		{"timeo=5=6", "", ""}, // the engine drops a pair with two '='
		{"Timeo=5", CodeManagedOption, MsgManagedMountOptions + "timeo."},
		{"rsize=1, TImeo=30, nfsVERS=4", CodeManagedOption, MsgManagedMountOptions + "timeo, nfsvers."},
		{" vers=4.2 ", CodeManagedOption, MsgManagedMountOptions + "vers."},
		{"{retrans=3}", CodeManagedOption, MsgManagedMountOptions + "retrans."},
		{"minorversion=1,addr=x,clientaddr=y,vfs_type=nfs,protocol_version=3", CodeManagedOption,
			MsgManagedMountOptions + "minorversion, addr, clientaddr, vfs_type, protocol_version."},
		{"retrans", CodeManagedOption, MsgManagedMountOptions + "retrans."},
		{"sec=krb5,sec=krb5", "", ""},
		{"rsize=1,wsizé=2", CodeSyntax, MsgNonUTF},
	}
	for _, tt := range tests {
		err := NFSMountOptions(tt.in)
		if CodeOf(err) != tt.code {
			t.Errorf("%q: code %q, want %q (%v)", tt.in, CodeOf(err), tt.code, err)
			continue
		}
		if err != nil && err.(*Error).Message != tt.msg {
			t.Errorf("%q: message %q, want %q", tt.in, err.(*Error).Message, tt.msg)
		}
	}
}

func TestIntRange(t *testing.T) {
	tests := []struct {
		r    IntRange
		in   string
		ok   bool
		want string
	}{
		{PortRange, "1", true, ""},
		{PortRange, " 65535 ", true, ""},
		{PortRange, "0", false, "This field must contain an integer number between 1 and 65535."},
		{PortRange, "65536", false, "This field must contain an integer number between 1 and 65535."},
		{PortRange, "80a", false, "This field must contain an integer number between 1 and 65535."},
		{PortRange, "99999999999999999999", false, "This field must contain an integer number between 1 and 65535."},
		{CriticalSpaceBlockerRange, "0", true, ""},
		{CriticalSpaceBlockerRange, "100000", true, ""},
		{CriticalSpaceBlockerRange, "-1", false, "This field must contain an integer number greater than or equal to 0."},
		{WarningLowSpaceRange, "101", false, "This field must contain an integer number between 0 and 100."},
		{NFSRetransRange, "32768", false, "This field must contain an integer number between 0 and 32767."},
		{NFSTimeoutRange, "0", false, "This field must contain an integer number between 1 and 6000."},
		{NFSTimeoutRange, "6000", true, ""},
		{ConnectivityTimeoutRange, "601", false, "This field must contain an integer number between 1 and 600."},
	}
	for _, tt := range tests {
		err := tt.r.CheckText(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("%+v %q: %v", tt.r, tt.in, err)
			continue
		}
		if err != nil && (CodeOf(err) != CodeRange || err.Error() != tt.want) {
			t.Errorf("%+v %q: %q (%s), want %q", tt.r, tt.in, err, CodeOf(err), tt.want)
		}
	}
}

func TestFenceAgentType(t *testing.T) {
	types := []string{"ipmilan", "redfish"}
	if err := FenceAgentType("redfish", types); err != nil {
		t.Errorf("redfish: %v", err)
	}
	for _, s := range []string{"", "IPMILAN", "foo", " ipmilan"} {
		err := FenceAgentType(s, types)
		if CodeOf(err) != CodeNotSupported || err.Error() != MsgFenceAgentType+" Supported types: ipmilan, redfish." {
			t.Errorf("%q: %v (%s)", s, err, CodeOf(err))
		}
	}
}
