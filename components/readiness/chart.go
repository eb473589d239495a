package readiness

import (
	"html"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"v6admin/wire"
)

// familySeg is one family of the chart: its label, colour (PatternFly 6
// palette, white text readable on each) and count in a score.
type familySeg struct {
	Key, Label, Word, Fill string // Word: the label within a sentence
	Count                  func(s wire.ReadinessScore) int
}

// chartFamilies are the chart's segments, from the goal (IPv6 only) to the
// rest.
var chartFamilies = []familySeg{
	{"ipv6-only", "IPv6 only", "IPv6 only", "#3d7317", func(s wire.ReadinessScore) int { return s.IPv6Only }},
	{"dual-stack", "Dual-stack", "dual-stack", "#0066cc", func(s wire.ReadinessScore) int { return s.DualStack }},
	{"ipv4-only", "IPv4 only", "IPv4 only", "#9e4a06", func(s wire.ReadinessScore) int { return s.IPv4Only }},
	{"none", "None", "no address", "#4d4d4d", func(s wire.ReadinessScore) int { return s.None }},
}

// Chart geometry (SVG user units; the SVG scales to its container).
const (
	chartW      = 640
	chartLabelW = 120 // data center names, right-aligned
	chartBarX   = chartLabelW + 10
	chartBarW   = 420
	chartRowH   = 50
	chartBarH   = 24
	chartTop    = 34 // the legend above the bars
)

// scoreName is a score's row label: its data center, or "Overall".
func scoreName(s wire.ReadinessScore) string {
	if s.DataCenter == "" {
		return "Overall"
	}
	return s.DataCenter
}

// ChartSVG draws the scores as one stacked horizontal bar per data center
// and one overall, each segment a family with its count, the total at the
// end; its title and desc say the same in words for screen readers.
func ChartSVG(scores []wire.ReadinessScore) string {
	h := chartTop + chartRowH*len(scores) + 4
	var b strings.Builder
	esc := html.EscapeString
	num := strconv.Itoa
	var desc []string
	for _, s := range scores {
		var parts []string
		for _, f := range chartFamilies {
			parts = append(parts, num(f.Count(s))+" "+f.Word)
		}
		desc = append(desc, scoreName(s)+": "+strings.Join(parts, ", ")+" of "+num(s.Total)+" objects.")
	}
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="v6-chart" id="readiness-chart" role="img" aria-labelledby="readiness-chart-title readiness-chart-desc" viewBox="0 0 ` +
		num(chartW) + ` ` + num(h) + `" width="100%" preserveAspectRatio="xMinYMin meet">`)
	b.WriteString(`<title id="readiness-chart-title">Objects by address family, per data center and overall</title>`)
	b.WriteString(`<desc id="readiness-chart-desc">` + esc(strings.Join(desc, " ")) + `</desc>`)
	// Legend.
	x := chartBarX
	for _, f := range chartFamilies {
		b.WriteString(`<rect x="` + num(x) + `" y="6" width="14" height="14" rx="2" fill="` + f.Fill + `"></rect>`)
		b.WriteString(`<text x="` + num(x+20) + `" y="18" font-size="14" fill="#151515">` + esc(f.Label) + `</text>`)
		x += 30 + 8*len(f.Label)
	}
	for i, s := range scores {
		y := chartTop + i*chartRowH
		name := scoreName(s)
		weight := "normal"
		if s.DataCenter == "" {
			weight = "bold"
		}
		b.WriteString(`<g class="v6-chart__row" data-dc="` + esc(s.DataCenter) + `" data-total="` + num(s.Total) + `">`)
		b.WriteString(`<text x="` + num(chartLabelW) + `" y="` + num(y+chartBarH/2+5) + `" text-anchor="end" font-size="15" font-weight="` + weight + `" fill="#151515">` + esc(name) + `</text>`)
		b.WriteString(`<rect x="` + num(chartBarX) + `" y="` + num(y) + `" width="` + num(chartBarW) + `" height="` + num(chartBarH) + `" fill="#f2f2f2" stroke="#c7c7c7"></rect>`)
		if s.Total > 0 {
			at := 0 // objects drawn so far: the segments end exactly at the bar's end
			for _, f := range chartFamilies {
				n := f.Count(s)
				if n == 0 {
					continue
				}
				x0 := chartBarX + at*chartBarW/s.Total
				at += n
				x1 := chartBarX + at*chartBarW/s.Total
				w := x1 - x0
				b.WriteString(`<rect class="v6-chart__seg" data-family="` + f.Key + `" data-count="` + num(n) + `" x="` + num(x0) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(chartBarH) + `" fill="` + f.Fill + `">`)
				b.WriteString(`<title>` + esc(name+": "+num(n)+" "+f.Word) + `</title></rect>`)
				if w >= 8*len(num(n))+8 {
					b.WriteString(`<text x="` + num(x0+w/2) + `" y="` + num(y+chartBarH/2+5) + `" text-anchor="middle" font-size="13" font-weight="bold" fill="#ffffff" aria-hidden="true">` + num(n) + `</text>`)
				}
			}
		}
		total := num(s.Total) + " objects"
		if s.Total == 1 {
			total = "1 object"
		}
		pct := ""
		if s.Total > 0 {
			pct = " · " + num(100*s.IPv6Only/s.Total) + "% IPv6 only"
		}
		b.WriteString(`<text x="` + num(chartBarX+chartBarW+8) + `" y="` + num(y+chartBarH/2+5) + `" font-size="13" fill="#4d4d4d">` + esc(total) + `</text>`)
		b.WriteString(`<text x="` + num(chartLabelW) + `" y="` + num(y+chartBarH+14) + `" text-anchor="end" font-size="12" fill="#4d4d4d">` + esc(strings.TrimPrefix(pct, " · ")) + `</text>`)
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// scoreChart is the chart with its caption (divs, not figure: each new
// go-app element type adds its whole method set to the wasm).
func scoreChart(scores []wire.ReadinessScore) app.UI {
	return app.Div().Class("v6-chart-figure").Role("group").Aria("label", "Score chart").Body(
		app.Raw(ChartSVG(scores)),
		app.P().Class("v6-muted", "v6-chart-caption").Text("Each bar counts the objects of the report (as filtered) by the address families they use today. The goal: all of them IPv6 only."),
	)
}
