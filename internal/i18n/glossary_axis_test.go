package i18n

import "strings"

// axisKeys are the prefixes of the keys whose Persian may say «محور»: the
// glossary keeps the word for the axes of the research register (and of
// calls for papers), never for a clause of the policy.
var axisKeys = []string{"ui.research.", "err.research.", "ui.note.research_", "ui.notes.kind.research_", "err.not_found.research_",
	"ui.call.", "err.call."}

func axisKey(key string) bool {
	for _, p := range axisKeys {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}
