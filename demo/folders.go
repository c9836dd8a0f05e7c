package demo

import (
	"path/filepath"
	"strings"
)

// FileGroup is files to ingest together, with the platform their folder names ("" when the
// folder names none and the files' content says it).
type FileGroup struct {
	Platform string
	Files    []string
}

// GroupByPlatformFolder splits the demo's files by their first folder under dir: files under
// facebook/ or instagram/ are given that platform, the rest none. Meta's overview series do
// not always say whether they are Facebook's or Instagram's; staff keep them in a folder per
// platform, and say so.
func GroupByPlatformFolder(dir string, files []string) []FileGroup {
	groups := []FileGroup{{Platform: ""}, {Platform: "facebook"}, {Platform: "instagram"}}
	for _, f := range files {
		rel, err := filepath.Rel(dir, f)
		first := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
		switch {
		case err == nil && first == "facebook":
			groups[1].Files = append(groups[1].Files, f)
		case err == nil && first == "instagram":
			groups[2].Files = append(groups[2].Files, f)
		default:
			groups[0].Files = append(groups[0].Files, f)
		}
	}
	return groups
}
