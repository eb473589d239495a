package readiness

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"v6admin/wire"
)

// svgRect is a rect of the chart as parsed back.
type svgRect struct {
	Family string
	Count  int
	X, W   int
}

// parseChart checks that svg is well-formed XML and returns the segments
// of each row (by data center) and the texts.
func parseChart(t *testing.T, svg string) (map[string][]svgRect, []string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	rows := map[string][]svgRect{}
	var texts []string
	dc := ""
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the chart is not well-formed XML: %v\n%s", err, svg)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range el.Attr {
				attr[a.Name.Local] = a.Value
			}
			switch el.Name.Local {
			case "g":
				dc = attr["data-dc"]
				rows[dc] = []svgRect{}
			case "rect":
				if attr["data-family"] != "" {
					n, _ := strconv.Atoi(attr["data-count"])
					x, _ := strconv.Atoi(attr["x"])
					w, _ := strconv.Atoi(attr["width"])
					rows[dc] = append(rows[dc], svgRect{attr["data-family"], n, x, w})
				}
			case "text", "desc":
				inText = true
			}
		case xml.CharData:
			if inText {
				texts = append(texts, string(el))
			}
		case xml.EndElement:
			inText = false
		}
	}
	return rows, texts
}

func TestChartSVG(t *testing.T) {
	tests := []struct {
		name   string
		scores []wire.ReadinessScore
		// want: per data center, the families drawn in order with counts.
		want map[string]string
	}{
		{"the seeded lab", []wire.ReadinessScore{
			{DataCenter: "Default", IPv6Only: 13, DualStack: 19, IPv4Only: 5, None: 2, Total: 39},
			{DataCenter: "", IPv6Only: 15, DualStack: 19, IPv4Only: 7, None: 2, Total: 43}},
			map[string]string{"Default": "ipv6-only=13 dual-stack=19 ipv4-only=5 none=2", "": "ipv6-only=15 dual-stack=19 ipv4-only=7 none=2"}},
		{"all IPv6, an empty data center, a name to escape", []wire.ReadinessScore{
			{DataCenter: "<dc&1>", IPv6Only: 3, Total: 3}, {DataCenter: "empty"}, {IPv6Only: 3, Total: 3}},
			map[string]string{"<dc&1>": "ipv6-only=3", "empty": "", "": "ipv6-only=3"}},
	}
	for _, tt := range tests {
		svg := ChartSVG(tt.scores)
		rows, texts := parseChart(t, svg)
		if len(rows) != len(tt.scores) {
			t.Errorf("%s: %d rows, want %d", tt.name, len(rows), len(tt.scores))
		}
		all := strings.Join(texts, "|")
		for dc, want := range tt.want {
			var got []string
			end := chartBarX
			for _, r := range rows[dc] {
				got = append(got, r.Family+"="+strconv.Itoa(r.Count))
				if r.X != end {
					t.Errorf("%s: %q: segment %s starts at %d, want %d (no gap, no overlap)", tt.name, dc, r.Family, r.X, end)
				}
				end = r.X + r.W
			}
			if strings.Join(got, " ") != want {
				t.Errorf("%s: %q drawn as %q, want %q", tt.name, dc, strings.Join(got, " "), want)
			}
			if len(rows[dc]) > 0 && end != chartBarX+chartBarW {
				t.Errorf("%s: %q ends at %d, want the bar's end %d", tt.name, dc, end, chartBarX+chartBarW)
			}
			name := dc
			if dc == "" {
				name = "Overall"
			}
			if !strings.Contains(all, name) {
				t.Errorf("%s: no label %q in %q", tt.name, name, all)
			}
		}
		if !strings.Contains(svg, `role="img"`) || !strings.Contains(svg, `aria-labelledby="readiness-chart-title readiness-chart-desc"`) {
			t.Errorf("%s: the chart has no accessible name and description", tt.name)
		}
	}
	_, texts := parseChart(t, ChartSVG([]wire.ReadinessScore{{DataCenter: "Default", IPv6Only: 13, DualStack: 19, IPv4Only: 5, None: 2, Total: 39}}))
	if desc := strings.Join(texts, "|"); !strings.Contains(desc, "Default: 13 IPv6 only, 19 dual-stack, 5 IPv4 only, 2 no address of 39 objects.") ||
		!strings.Contains(desc, "33% IPv6 only") {
		t.Errorf("the chart's words: %q", desc)
	}
}
