package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// workOption is one choice of a select or a checkbox list on the work
// pages: an org unit, a clause or a possible parent, with its label
// already indented to show the tree, since a <select> cannot be styled
// per depth.
type workOption struct {
	ID    int64
	Label string
	Depth int
	// Editable is false for an owner the user may not give work to.
	Editable bool
}

// indent is what one level of a tree adds before an option's label.
const workIndent = "\u00a0\u00a0\u00a0"

// workUnits returns the org tree in tree order (siblings by kind, then
// in Persian alphabetical order), with the map the tables use for names.
func (s *server) workUnits(r *http.Request) ([]workOption, map[int64]*payesh.OrgUnit, error) {
	ix, err := s.unitIndexOf(r)
	if err != nil {
		return nil, nil, err
	}
	labels, me := ix.labels[langOf(r)], user(r)
	opts := make([]workOption, len(ix.tree))
	for i, u := range ix.tree {
		opts[i] = workOption{ID: u.ID, Depth: ix.depth[u.ID], Editable: me.CanEditWorkOf(u.Path), Label: labels[i]}
	}
	return opts, ix.byID, nil
}

// workPathLess orders materialized paths ("/1/4/17/") depth first, each
// node's children in the order they were created: by their ids as
// numbers, since as text "/1/10/" would come before "/1/2/".
func workPathLess(a, b string) bool {
	as, bs := strings.Split(strings.Trim(a, "/"), "/"), strings.Split(strings.Trim(b, "/"), "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] == bs[i] {
			continue
		}
		x, _ := strconv.ParseInt(as[i], 10, 64)
		y, _ := strconv.ParseInt(bs[i], 10, 64)
		return x < y
	}
	return len(as) < len(bs)
}

// sortByTreeKey orders items as workPathLess does, with each path's key
// computed once instead of splitting both paths at every comparison.
func sortByTreeKey(items []*payesh.WorkItem) {
	keys := make(map[int64]string, len(items))
	for _, w := range items {
		keys[w.ID] = treeKey(w.Path)
	}
	slices.SortFunc(items, func(a, b *payesh.WorkItem) int { return strings.Compare(keys[a.ID], keys[b.ID]) })
}

// workDepth is the depth of a materialized path: "/7/" is 0, "/7/9/" 1.
func workDepth(path string) int {
	return max(strings.Count(path, "/")-2, 0)
}

// workClauses returns the main policy's clause tree as options, labelled
// "بند ۸ — title"; nil when no policy is loaded yet.
func (s *server) workClauses(r *http.Request) ([]workOption, error) {
	// Names only: the clauses' progress is not shown here, and reading it
	// reads every link of the document.
	clauses, err := s.mainClauses(r)
	if err != nil || clauses == nil {
		return nil, err
	}
	opts := make([]workOption, len(clauses))
	for i, c := range clauses {
		opts[i] = workOption{ID: c.ID, Depth: c.Depth, Label: workClauseLabel(langOf(r), c)}
	}
	return opts, nil
}

// workClauseLabel reads "بند ۸ — تحکیم خانواده و فرزندآوری"; a clause
// whose title is only its number is not named twice.
func workClauseLabel(lang i18n.Lang, c *payesh.Clause) string {
	n := fmt.Sprintf(i18n.T(lang, "ui.clause.number"), c.Number)
	title := pick(lang, c.TitleFA, c.TitleEN)
	if lang == i18n.FA {
		n = jalali.ToPersianDigits(n)
	}
	if title == "" || jalali.ToLatinDigits(title) == jalali.ToLatinDigits(n) {
		return n
	}
	return n + " — " + title
}

// workHasOption reports whether id is among opts.
func workHasOption(opts []workOption, id int64) bool {
	for _, o := range opts {
		if o.ID == id {
			return true
		}
	}
	return false
}

// workParents returns the items that can hold a new child: those whose
// owner the user may change (adding a child changes the parent's
// progress), less the item being edited and everything under it, since
// an item cannot move under itself. The list is in tree order.
func (s *server) workParents(r *http.Request, units map[int64]*payesh.OrgUnit, self *payesh.WorkItem) ([]workOption, error) {
	me := user(r)
	all, err := s.workFindAll(r, payesh.WorkItemFilter{Sort: "id"})
	if err != nil {
		return nil, err
	}
	sortByTreeKey(all)
	var opts []workOption
	for _, w := range all {
		if self != nil && strings.HasPrefix(w.Path, self.Path) {
			continue
		}
		owner, ok := units[w.OwnerUnitID]
		if !ok || !me.CanEditWorkOf(owner.Path) {
			continue
		}
		depth := workDepth(w.Path)
		opts = append(opts, workOption{ID: w.ID, Depth: depth, Editable: true,
			Label: strings.Repeat(workIndent, depth) + workOptionTitle(w)})
	}
	return opts, nil
}

// workOptionTitle is an item's title in a select, with its code when it
// has one, shortened so that one long title does not widen the page.
func workOptionTitle(w *payesh.WorkItem) string {
	title := []rune(w.Title)
	if len(title) > 90 {
		title = append(title[:90], '…')
	}
	if w.Code != "" {
		return string(title) + " (" + w.Code + ")"
	}
	return string(title)
}
