package sdktest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"

	ovirtsdk "github.com/ovirt/go-ovirt"

	"v6admin/engine/fixtures"
	"v6admin/engine/ovirt"
	"v6admin/engine/ovirt/ovirtxml"
)

// ided is what the go-ovirt readers' results have in common.
type ided interface{ Id() (string, bool) }

func ids[T ided](s []T) []string {
	out := make([]string, 0, len(s))
	for _, v := range s {
		id, _ := v.Id()
		out = append(out, id)
	}
	return out
}

// TestGoOvirtReadsOurXML: go-ovirt's generated readers (which check every
// root element's name and read the collections' items by name) read the
// XML ovirtxml writes for each fixture of the real engine's answers and
// find the same objects.
func TestGoOvirtReadsOurXML(t *testing.T) {
	rd := func(b []byte) *ovirtsdk.XMLReader { return ovirtsdk.NewXMLReader(b) }
	cases := []struct {
		file  string
		proto any
		read  func([]byte) ([]string, error)
	}{
		{"hosts.json", ovirt.Hosts{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLHostReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"host.json", ovirt.Host{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLHostReadOne(rd(b), nil, "")
			return ids([]*ovirtsdk.Host{v}), err
		}},
		{"host_nics.json", ovirt.HostNics{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLHostNicReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"network_attachments.json", ovirt.NetworkAttachments{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLNetworkAttachmentReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"fenceagents.json", ovirt.Agents{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLAgentReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"fenceagent.json", ovirt.Agent{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLAgentReadOne(rd(b), nil, "")
			return ids([]*ovirtsdk.Agent{v}), err
		}},
		{"host_storage.json", ovirt.HostStorages{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLHostStorageReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"clusters.json", ovirt.Clusters{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLClusterReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"networks.json", ovirt.Networks{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLNetworkReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"datacenters.json", ovirt.DataCenters{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLDataCenterReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"storagedomains.json", ovirt.StorageDomains{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLStorageDomainReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"openstacknetworkproviders.json", ovirt.OpenStackNetworkProviders{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLOpenStackNetworkProviderReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"openstacknetworkprovider.json", ovirt.OpenStackNetworkProvider{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLOpenStackNetworkProviderReadOne(rd(b), nil, "")
			return ids([]*ovirtsdk.OpenStackNetworkProvider{v}), err
		}},
		{"externalhostproviders.json", ovirt.ExternalHostProviders{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLExternalHostProviderReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"externalhostprovider.json", ovirt.ExternalHostProvider{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLExternalHostProviderReadOne(rd(b), nil, "")
			return ids([]*ovirtsdk.ExternalHostProvider{v}), err
		}},
		{"provider_certificates.json", ovirt.Certificates{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLCertificateReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"events.json", ovirt.Events{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLEventReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"jobs.json", ovirt.Jobs{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLJobReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"job.json", ovirt.Job{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLJobReadOne(rd(b), nil, "")
			return ids([]*ovirtsdk.Job{v}), err
		}},
		{"steps.json", ovirt.Steps{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLStepReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"host_nic_statistics.json", ovirt.Statistics{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLStatisticReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"vms.json", ovirt.Vms{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLVmReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"vm.json", ovirt.Vm{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLVmReadOne(rd(b), nil, "")
			return ids([]*ovirtsdk.Vm{v}), err
		}},
		{"vm_nics_reported_devices.json", ovirt.Nics{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLNicReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"vm_sessions.json", ovirt.Sessions{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLSessionReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"vm_graphicsconsoles.json", ovirt.GraphicsConsoles{}, func(b []byte) ([]string, error) {
			s, err := ovirtsdk.XMLGraphicsConsoleReadMany(rd(b), nil)
			return ids(s.Slice()), err
		}},
		{"setupnetworks.json", ovirt.Action{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLActionReadOne(rd(b), nil, "")
			return ids([]*ovirtsdk.Action{v}), err
		}},
		{"fault_conflict.json", ovirt.Fault{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLFaultReadOne(rd(b), nil, "")
			if err != nil {
				return nil, err
			}
			return []string{v.MustReason()}, nil
		}},
		{"api.json", ovirt.Api{}, func(b []byte) ([]string, error) {
			v, err := ovirtsdk.XMLApiReadOne(rd(b), nil, "")
			if err != nil {
				return nil, err
			}
			return []string{v.MustProductInfo().MustName()}, nil
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			v := reflect.New(reflect.TypeOf(c.proto))
			if err := json.Unmarshal(fixtures.Read(c.file), v.Interface()); err != nil {
				t.Fatal(err)
			}
			b, err := ovirtxml.Marshal(v.Interface())
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.read(b)
			if err != nil {
				t.Fatalf("go-ovirt: %v\n%s", err, b)
			}
			want := wantIDs(v.Elem())
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("go-ovirt read %q, want %q", got, want)
			}
		})
	}
}

// wantIDs is what the reader of the case returns for v: the ids of a
// collection's items, an entity's id, a fault's reason, the product name.
func wantIDs(v reflect.Value) []string {
	switch x := v.Addr().Interface().(type) {
	case *ovirt.Fault:
		return []string{x.Reason}
	case *ovirt.Api:
		return []string{x.ProductInfo.Name}
	}
	if f := v.FieldByName("ID"); f.IsValid() {
		return []string{f.String()}
	}
	items := v.Field(0)
	out := []string{}
	for i := 0; i < items.Len(); i++ {
		out = append(out, items.Index(i).FieldByName("ID").String())
	}
	return out
}

// TestCollectionNames: the root of each collection is named as go-ovirt's
// generated writers name it (the model's plural), its items as the
// model's type.
func TestCollectionNames(t *testing.T) {
	type w = *ovirtsdk.XMLWriter
	cases := []struct {
		proto any
		write func(w) error
	}{
		{ovirt.Hosts{}, func(x w) error { return ovirtsdk.XMLHostWriteMany(x, new(ovirtsdk.HostSlice), "", "") }},
		{ovirt.HostNics{}, func(x w) error { return ovirtsdk.XMLHostNicWriteMany(x, new(ovirtsdk.HostNicSlice), "", "") }},
		{ovirt.NetworkAttachments{}, func(x w) error {
			return ovirtsdk.XMLNetworkAttachmentWriteMany(x, new(ovirtsdk.NetworkAttachmentSlice), "", "")
		}},
		{ovirt.NetworkLabels{}, func(x w) error { return ovirtsdk.XMLNetworkLabelWriteMany(x, new(ovirtsdk.NetworkLabelSlice), "", "") }},
		{ovirt.Agents{}, func(x w) error { return ovirtsdk.XMLAgentWriteMany(x, new(ovirtsdk.AgentSlice), "", "") }},
		{ovirt.OpenStackNetworkProviders{}, func(x w) error {
			return ovirtsdk.XMLOpenStackNetworkProviderWriteMany(x, new(ovirtsdk.OpenStackNetworkProviderSlice), "", "")
		}},
		{ovirt.ExternalHostProviders{}, func(x w) error {
			return ovirtsdk.XMLExternalHostProviderWriteMany(x, new(ovirtsdk.ExternalHostProviderSlice), "", "")
		}},
		{ovirt.ExternalProviders{}, func(x w) error {
			return ovirtsdk.XMLExternalProviderWriteMany(x, new(ovirtsdk.ExternalProviderSlice), "", "")
		}},
		{ovirt.Certificates{}, func(x w) error { return ovirtsdk.XMLCertificateWriteMany(x, new(ovirtsdk.CertificateSlice), "", "") }},
		{ovirt.StorageDomains{}, func(x w) error {
			return ovirtsdk.XMLStorageDomainWriteMany(x, new(ovirtsdk.StorageDomainSlice), "", "")
		}},
		{ovirt.HostStorages{}, func(x w) error { return ovirtsdk.XMLHostStorageWriteMany(x, new(ovirtsdk.HostStorageSlice), "", "") }},
		{ovirt.LogicalUnits{}, func(x w) error { return ovirtsdk.XMLLogicalUnitWriteMany(x, new(ovirtsdk.LogicalUnitSlice), "", "") }},
		{ovirt.DataCenters{}, func(x w) error { return ovirtsdk.XMLDataCenterWriteMany(x, new(ovirtsdk.DataCenterSlice), "", "") }},
		{ovirt.Clusters{}, func(x w) error { return ovirtsdk.XMLClusterWriteMany(x, new(ovirtsdk.ClusterSlice), "", "") }},
		{ovirt.Networks{}, func(x w) error { return ovirtsdk.XMLNetworkWriteMany(x, new(ovirtsdk.NetworkSlice), "", "") }},
		{ovirt.Events{}, func(x w) error { return ovirtsdk.XMLEventWriteMany(x, new(ovirtsdk.EventSlice), "", "") }},
		{ovirt.Jobs{}, func(x w) error { return ovirtsdk.XMLJobWriteMany(x, new(ovirtsdk.JobSlice), "", "") }},
		{ovirt.Steps{}, func(x w) error { return ovirtsdk.XMLStepWriteMany(x, new(ovirtsdk.StepSlice), "", "") }},
		{ovirt.Statistics{}, func(x w) error { return ovirtsdk.XMLStatisticWriteMany(x, new(ovirtsdk.StatisticSlice), "", "") }},
		{ovirt.Vms{}, func(x w) error { return ovirtsdk.XMLVmWriteMany(x, new(ovirtsdk.VmSlice), "", "") }},
		{ovirt.Nics{}, func(x w) error { return ovirtsdk.XMLNicWriteMany(x, new(ovirtsdk.NicSlice), "", "") }},
		{ovirt.Sessions{}, func(x w) error { return ovirtsdk.XMLSessionWriteMany(x, new(ovirtsdk.SessionSlice), "", "") }},
		{ovirt.GraphicsConsoles{}, func(x w) error {
			return ovirtsdk.XMLGraphicsConsoleWriteMany(x, new(ovirtsdk.GraphicsConsoleSlice), "", "")
		}},
		{ovirt.ReportedDevices{}, func(x w) error {
			return ovirtsdk.XMLReportedDeviceWriteMany(x, new(ovirtsdk.ReportedDeviceSlice), "", "")
		}},
	}
	for _, c := range cases {
		typ := reflect.TypeOf(c.proto)
		var buf bytes.Buffer
		x := ovirtsdk.NewXMLWriter(&buf)
		if err := c.write(x); err != nil {
			t.Fatal(err)
		}
		if err := x.Flush(); err != nil {
			t.Fatal(err)
		}
		var root struct{ XMLName xml.Name }
		if err := xml.Unmarshal(buf.Bytes(), &root); err != nil {
			t.Fatalf("%s: %v: %s", typ, err, buf.Bytes())
		}
		if got, _ := ovirtxml.RootName(typ); got != root.XMLName.Local {
			t.Errorf("%s: ovirtxml names the collection %q, go-ovirt %q", typ, got, root.XMLName.Local)
		}
		// The items: go-ovirt's reader of one item expects this name.
		item, _ := ovirtxml.RootName(typ.Field(0).Type.Elem())
		if want, _, _ := strings.Cut(typ.Field(0).Tag.Get("json"), ","); item != want {
			t.Errorf("%s: items named %q, the wrapper's key is %q", typ, item, want)
		}
	}
}
