package connectors

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// Registry is an immutable list of connectors, looked up by name or by content.
type Registry struct {
	list []Connector
}

// NewRegistry returns a registry of cs in order. Two connectors with the same name are a
// programming error, caught at start-up, so it panics.
func NewRegistry(cs ...Connector) *Registry {
	seen := map[string]bool{}
	for _, c := range cs {
		name := c.Spec().Name
		if name == "" || seen[name] {
			panic(fmt.Sprintf("connectors: duplicate or empty connector name %q", name))
		}
		seen[name] = true
	}
	return &Registry{list: slices.Clone(cs)}
}

// All returns the connectors in registration order.
func (r *Registry) All() []Connector { return slices.Clone(r.list) }

// Names returns the connector names in registration order.
func (r *Registry) Names() []string {
	out := make([]string, len(r.list))
	for i, c := range r.list {
		out[i] = c.Spec().Name
	}
	return out
}

// Lookup returns the connector called name.
func (r *Registry) Lookup(name string) (Connector, error) {
	for _, c := range r.list {
		if c.Spec().Name == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("unknown connector %q (known: %s)", name, strings.Join(r.Names(), ", "))
}

// Detect returns the one connector that claims f. Several claimants wrap ErrAmbiguousFormat
// and name them; none wraps ErrUnknownFormat and names the closest formats with the columns
// they miss.
func (r *Registry) Detect(f *File) (Connector, error) {
	var claim []Connector
	for _, c := range r.list {
		if c.Detect(f) {
			claim = append(claim, c)
		}
	}
	switch len(claim) {
	case 1:
		return claim[0], nil
	case 0:
		return nil, r.unknown(f)
	}
	names := make([]string, len(claim))
	for i, c := range claim {
		names[i] = c.Spec().Name
	}
	return nil, fmt.Errorf("%s: %w: claimed by %s", f.Name, ErrAmbiguousFormat, strings.Join(names, " and "))
}

// maxCandidates bounds the "closest formats" listed in an unknown-format error.
const maxCandidates = 3

func (r *Registry) unknown(f *File) error {
	var why string
	switch {
	case f.ContainerErr != nil:
		why = fmt.Sprintf("the file is a spreadsheet (%s) that cannot be read: %v", f.Container, f.ContainerErr)
	case f.Container != "" && f.Header() == nil:
		why = fmt.Sprintf("the file is a spreadsheet (%s) with no table in any sheet", f.Container)
	case f.Blank():
		why = "the file is empty"
	case f.Layout().Wide > 0:
		why = fmt.Sprintf("its first record has %d columns, more than a spreadsheet can hold (%d): not an export", f.Layout().Wide, csvio.MaxColumns)
	case f.Layout().OneCell:
		why = "each line is one quoted cell: the file looks re-saved by Excel; export it again from the platform"
	case f.Header() == nil:
		why = "no header row found"
	}
	if why != "" {
		return fmt.Errorf("%s: %w: %s", f.Name, ErrUnknownFormat, why)
	}
	h := csvio.NewHeader(f.Header())
	type cand struct {
		name    string
		missing []string
		score   float64
	}
	var cands []cand
	for _, c := range r.list {
		sig := c.Spec().Signature
		if len(sig) == 0 {
			continue
		}
		miss := h.Missing(sig...)
		cands = append(cands, cand{c.Spec().Name, miss, float64(len(sig)-len(miss)) / float64(len(sig))})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var parts []string
	for i, c := range cands {
		if i == maxCandidates || c.score == 0 {
			break
		}
		q := make([]string, len(c.missing))
		for j, m := range c.missing {
			q[j] = fmt.Sprintf("%q", m)
		}
		desc := "missing " + strings.Join(q, ", ")
		if len(q) == 0 {
			desc = "header matches but the content does not (title line or marker)"
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", c.name, desc))
	}
	closest := "none share its columns"
	if len(parts) > 0 {
		closest = strings.Join(parts, "; ")
	}
	hdr := f.Header()
	if len(hdr) > 8 {
		hdr = append(slices.Clone(hdr[:8]), "…")
	} else {
		hdr = slices.Clone(hdr)
	}
	for i := range hdr {
		hdr[i] = clip(hdr[i])
	}
	return fmt.Errorf("%s: %w: header %q; closest: %s", f.Name, ErrUnknownFormat, hdr, closest)
}
