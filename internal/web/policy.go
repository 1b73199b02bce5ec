package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
)

// clauseNode is one clause of a document's tree with what answers it: the
// work linked to the clause itself (sub-clauses list their own).
type clauseNode struct {
	Clause   *payesh.Clause
	Progress *payesh.ClauseProgress
	Work     []*payesh.WorkItem
	Children []*clauseNode
}

// Unanswered reports whether no work answers the clause or any clause
// under it; such clauses stand out in the tree.
func (n *clauseNode) Unanswered() bool { return n.Clause.WorkCount == 0 }

// documentPage is the policy page and the page of any document.
type documentPage struct {
	*policyView
	Tree       []*clauseNode
	Units      map[int64]*payesh.OrgUnit
	CanAddWork bool
	// Main marks the main policy, shown at /policy.
	Main bool
}

// UnansweredCount is the number of clauses no work answers yet.
func (d *documentPage) UnansweredCount() int {
	n := 0
	for _, c := range d.Clauses {
		if c.WorkCount == 0 {
			n++
		}
	}
	return n
}

// Bare reports whether a clause's title only repeats its number ("بند ۲",
// "Clause 2"), as the title of a clause whose wording is not loaded yet;
// the page then prints the number once instead of "بند ۲ بند ۲".
func (p *policyView) Bare(title, number string) bool { return bareTitle(title, number) }

func bareTitle(title, number string) bool {
	t := strings.TrimSpace(jalali.ToLatinDigits(title))
	for _, prefix := range []string{"بند", "جزء", "Clause", "clause", "Article"} {
		t = strings.TrimSpace(strings.TrimPrefix(t, prefix))
	}
	return t == "" || t == strings.TrimSpace(jalali.ToLatinDigits(number))
}

// policy shows the main policy document: the General Social Security
// Policies and the work answering each of its clauses.
func (s *server) policy(w http.ResponseWriter, r *http.Request) error {
	pv, err := s.mainPolicy(r)
	if err != nil {
		return err
	}
	if pv == nil {
		return payesh.NotFound("document")
	}
	return s.renderDocument(w, r, pv, true)
}

// document shows any document the same way.
func (s *server) document(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	doc, err := s.Documents.FindDocumentByID(r.Context(), id)
	if err != nil {
		return err
	}
	pv, err := s.loadPolicy(r, doc)
	if err != nil {
		return err
	}
	return s.renderDocument(w, r, pv, false)
}

// renderDocument shows the clause tree with each clause's summary and a
// link to its work in the work list: at national size a clause answers
// thousands of items, which one page cannot list (3.6 MB at 100 k).
func (s *server) renderDocument(w http.ResponseWriter, r *http.Request, pv *policyView, main bool) error {
	d := &documentPage{policyView: pv, Tree: clauseTree(pv, nil), CanAddWork: canAddWork(user(r)), Main: main}
	v := s.newView(r, "ui.policy.title", d)
	v.Title = pick(v.Lang, pv.Doc.TitleFA, pv.Doc.TitleEN)
	return s.render(w, r, http.StatusOK, "document", v)
}

// clauseTree nests the clauses, which FindClauses returns in tree order.
func clauseTree(pv *policyView, work map[int64][]*payesh.WorkItem) []*clauseNode {
	nodes := map[int64]*clauseNode{}
	var roots []*clauseNode
	for _, c := range pv.Clauses {
		n := &clauseNode{Clause: c, Progress: pv.Of(c.ID), Work: work[c.ID]}
		nodes[c.ID] = n
		if parent, ok := nodes[parentOf(c)]; ok {
			parent.Children = append(parent.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots
}

func parentOf(c *payesh.Clause) int64 {
	if c.ParentID == nil {
		return 0
	}
	return *c.ParentID
}

// canAddWork reports whether u may create work at all: everyone but
// viewers (reporters within their own unit's subtree).
func canAddWork(u *payesh.User) bool {
	return u.CanConfigure() || (u != nil && u.Active && u.Role == payesh.RoleReporter)
}

// clausePage is one clause: where it sits, its wording, its sub-clauses
// and the work answering it or any of them.
type clausePage struct {
	*policyView
	Clause     *payesh.Clause
	Ancestors  []*payesh.Clause // from the top-level clause down to the parent
	Sub        []*clauseNode
	Summary    *payesh.ClauseProgress
	Work       []*payesh.WorkItem
	Pager      pager
	Units      map[int64]*payesh.OrgUnit
	CanAddWork bool
	// Export links the clause's work, all of it, as a file: the work
	// list's export with the clause's filter.
	Export exportLinks
	// Lib is the clause's supporting documents, upstream articles,
	// resolutions and indicators (library_clause.go).
	Lib *clauseLibrary
	// Consult is the consultations on the clause (consultations.go).
	Consult *clauseConsultations
	// Research is the clause's research projects (research_clause.go).
	Research *clauseResearch
}

// Lines splits the clause's text at its line breaks, which the official
// wording uses between its parts (الف، ب، …).
func (p *clausePage) Lines() []string {
	var out []string
	for _, l := range strings.Split(p.Clause.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// clause shows one clause with the work answering it, a page at a time.
func (s *server) clause(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	c, err := s.Documents.FindClauseByID(ctx, id)
	if err != nil {
		return err
	}
	doc, err := s.Documents.FindDocumentByID(ctx, c.DocumentID)
	if err != nil {
		return err
	}
	pv, err := s.loadPolicy(r, doc)
	if err != nil {
		return err
	}
	d := &clausePage{policyView: pv, Clause: c, Summary: pv.Of(c.ID), CanAddWork: canAddWork(user(r))}
	d.Ancestors, d.Sub = clausePlace(pv, c)
	f := payesh.WorkItemFilter{ClauseID: c.ID, Page: pageOf(r, payesh.DefaultLimit)}
	var total int
	if d.Work, total, err = s.Work.FindWorkItems(ctx, f); err != nil {
		return err
	}
	d.Pager = newPager(r, total, f.Page)
	d.Export = newExportLinks("/work", url.Values{"clause": {strconv.FormatInt(c.ID, 10)}})
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	if d.Lib, err = s.loadClauseLibrary(r, c.ID); err != nil {
		return err
	}
	if d.Consult, err = s.loadClauseConsultations(r, c.ID); err != nil {
		return err
	}
	if d.Research, err = s.loadClauseResearch(r, c.ID); err != nil {
		return err
	}
	v := s.newView(r, "ui.policy.clause_title", d)
	v.Title = clausePageTitle(v, c)
	return s.render(w, r, http.StatusOK, "clause", v)
}

// clausePlace returns a clause's ancestors, top first, and its sub-clause
// tree.
func clausePlace(pv *policyView, c *payesh.Clause) ([]*payesh.Clause, []*clauseNode) {
	byID := map[int64]*payesh.Clause{}
	for _, x := range pv.Clauses {
		byID[x.ID] = x
	}
	var ancestors []*payesh.Clause
	for p := byID[parentOf(c)]; p != nil; p = byID[parentOf(p)] {
		ancestors = append([]*payesh.Clause{p}, ancestors...)
	}
	var find func([]*clauseNode) []*clauseNode
	find = func(nodes []*clauseNode) []*clauseNode {
		for _, n := range nodes {
			if n.Clause.ID == c.ID {
				return n.Children
			}
			if sub := find(n.Children); sub != nil {
				return sub
			}
		}
		return nil
	}
	return ancestors, find(clauseTree(pv, nil))
}

// clausePageTitle is the page title: "بند ۸ — تحکیم خانواده و فرزندآوری",
// or just "بند ۲" while the title only repeats the number.
func clausePageTitle(v *view, c *payesh.Clause) string {
	head := fmt.Sprintf(i18n.T(v.Lang, "ui.clause.number"), c.Number)
	if v.Lang == i18n.FA {
		head = jalali.ToPersianDigits(head)
	}
	title := pick(v.Lang, c.TitleFA, c.TitleEN)
	if bareTitle(title, c.Number) {
		return head
	}
	return head + " — " + title
}
