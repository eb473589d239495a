package embedded

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"v6admin/engine/embedded/lab"
)

// The engine's search language, as much of it as the UI uses:
//
//	name=host* and status=up
//	address=2001:db8::1 or address=host1.lab.example.org
//	severity>=warning and event_host=host0 sortby time desc page 2
//
// Terms are "field op value" with op one of = != > < >= <=; "*" in a value
// is a wildcard; terms are joined with "and" (also implicit) and "or";
// comparisons ignore case unless case_sensitive=true. Address fields
// compare IP addresses canonically (2001:db8::1 = 2001:DB8:0::1).

type term struct{ field, op, value string }

type query struct {
	groups [][]term // OR of ANDs
	sortBy string
	desc   bool
	page   int
}

// field kinds
const (
	fieldText = iota
	fieldAddr
	fieldNumber
	fieldSeverity
)

type fieldSpec[T any] struct {
	kind int
	get  func(*T) string
}

func searchError(msg string) *apiError {
	return badRequest("Search query syntax error: " + msg + ".")
}

func tokenize(s string) ([]string, error) {
	var out []string
	i := 0
	for i < len(s) {
		c := s[i]
		switch c {
		case ' ', '\t', '\n':
			i++
		case '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, searchError("unterminated quote")
			}
			out = append(out, "\x00"+s[i+1:i+1+j]) // \x00 marks a quoted value
			i += j + 2
		case '=', '!', '<', '>':
			j := i + 1
			if j < len(s) && s[j] == '=' {
				j++
			}
			out = append(out, s[i:j])
			i = j
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\n\"=!<>", rune(s[j])) {
				j++
			}
			out = append(out, s[i:j])
			i = j
		}
	}
	return out, nil
}

func isOp(t string) bool {
	switch t {
	case "=", "!=", "<", ">", "<=", ">=":
		return true
	}
	return false
}

func parseSearch(s string) (*query, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	q := &query{groups: [][]term{nil}}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch strings.ToLower(t) {
		case "and":
			continue
		case "or":
			q.groups = append(q.groups, nil)
			continue
		case "sortby":
			if i+1 >= len(toks) {
				return nil, searchError("sortby needs a field")
			}
			q.sortBy = strings.ToLower(toks[i+1])
			i++
			if i+1 < len(toks) {
				switch strings.ToLower(toks[i+1]) {
				case "asc":
					i++
				case "desc":
					q.desc = true
					i++
				}
			}
			continue
		case "page":
			if i+1 >= len(toks) {
				return nil, searchError("page needs a number")
			}
			// The engine keeps the page in a Java int (SyntaxChecker,
			// getPagePhrase); beyond it, or below 1, there is no page.
			n, err := strconv.ParseInt(toks[i+1], 10, 32)
			if err != nil || n < 1 {
				return nil, searchError("page needs a number from 1 to " + strconv.Itoa(math.MaxInt32))
			}
			q.page = int(n)
			i++
			continue
		}
		if i+2 >= len(toks) || !isOp(toks[i+1]) || strings.HasPrefix(t, "\x00") {
			return nil, searchError("expected field, operator and value near '" + strings.TrimPrefix(t, "\x00") + "'")
		}
		v := strings.TrimPrefix(toks[i+2], "\x00")
		g := len(q.groups) - 1
		q.groups[g] = append(q.groups[g], term{field: strings.ToLower(t), op: toks[i+1], value: v})
		i += 2
	}
	return q, nil
}

// glob matches s against a pattern where * matches any run.
func glob(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

var severityRank = map[string]int{"normal": 0, "warning": 1, "error": 2, "alert": 3}

func compareOp(op string, c int) bool {
	switch op {
	case "=":
		return c == 0
	case "!=":
		return c != 0
	case "<":
		return c < 0
	case ">":
		return c > 0
	case "<=":
		return c <= 0
	case ">=":
		return c >= 0
	}
	return false
}

func matchTerm(kind int, t term, got string, caseSensitive bool) bool {
	want := t.value
	switch kind {
	case fieldNumber:
		a, err1 := strconv.ParseInt(got, 10, 64)
		b, err2 := strconv.ParseInt(want, 10, 64)
		if err1 != nil || err2 != nil {
			return false
		}
		return compareOp(t.op, cmpInt(a, b))
	case fieldSeverity:
		a, ok1 := severityRank[strings.ToLower(got)]
		b, ok2 := severityRank[strings.ToLower(want)]
		if !ok1 || !ok2 {
			return false
		}
		return compareOp(t.op, cmpInt(int64(a), int64(b)))
	case fieldAddr:
		if !strings.Contains(want, "*") && (t.op == "=" || t.op == "!=") {
			eq := lab.CanonAddr(got) == lab.CanonAddr(want)
			return eq == (t.op == "=")
		}
	}
	if !caseSensitive {
		got, want = strings.ToLower(got), strings.ToLower(want)
	}
	switch t.op {
	case "=":
		return glob(want, got)
	case "!=":
		return !glob(want, got)
	}
	return compareOp(t.op, strings.Compare(got, want))
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// applySearch filters, sorts and pages items with the request's search,
// case_sensitive and max parameters.
func applySearch[T any](r *http.Request, items []T, fields map[string]fieldSpec[T]) ([]T, error) {
	max, err := queryMax(r)
	if err != nil {
		return nil, err
	}
	cs, err := queryBool(r, "case_sensitive", false)
	if err != nil {
		return nil, err
	}
	s := strings.TrimSpace(r.URL.Query().Get("search"))
	if s != "" {
		q, err := parseSearch(s)
		if err != nil {
			return nil, err
		}
		for _, g := range q.groups {
			for _, t := range g {
				if _, ok := fields[t.field]; !ok {
					return nil, searchError("unknown field '" + t.field + "'")
				}
			}
		}
		if q.sortBy != "" {
			if _, ok := fields[q.sortBy]; !ok {
				return nil, searchError("unknown sortby field '" + q.sortBy + "'")
			}
		}
		out := items[:0:0]
		for i := range items {
			if matchQuery(q, &items[i], fields, cs) {
				out = append(out, items[i])
			}
		}
		items = out
		if q.sortBy != "" {
			f := fields[q.sortBy]
			slices.SortStableFunc(items, func(a, b T) int {
				x, y := f.get(&a), f.get(&b)
				var c int
				if f.kind == fieldNumber {
					xi, _ := strconv.ParseInt(x, 10, 64)
					yi, _ := strconv.ParseInt(y, 10, 64)
					c = cmpInt(xi, yi)
				} else {
					c = natLess(strings.ToLower(x), strings.ToLower(y))
				}
				if q.desc {
					c = -c
				}
				return c
			})
		}
		if q.page > 1 && max > 0 {
			// (page-1)*max can pass any int: compare by division.
			pages := len(items) / max
			if len(items)%max != 0 {
				pages++
			}
			if q.page-1 >= pages {
				items = nil
			} else {
				items = items[(q.page-1)*max:]
			}
		}
	}
	if max >= 0 && len(items) > max {
		items = items[:max]
	}
	return items, nil
}

func matchQuery[T any](q *query, item *T, fields map[string]fieldSpec[T], cs bool) bool {
	for _, g := range q.groups {
		ok := true
		for _, t := range g {
			f := fields[t.field]
			if !matchTerm(f.kind, t, f.get(item), cs) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
