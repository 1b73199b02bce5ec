package i18n

import "strings"

// Format returns the text of key in lang with every {name} replaced by
// args[name]. The replacement is one pass, so a title that itself holds
// "{days}" is shown as typed, never expanded; a name args lacks stays as
// written, so a missing argument shows instead of vanishing.
func Format(lang Lang, key string, args map[string]string) string {
	s := T(lang, key)
	if len(args) == 0 {
		return s
	}
	pairs := make([]string, 0, 2*len(args))
	for k, v := range args {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
