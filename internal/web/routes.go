package web

import "net/http"

// Route is a registered page: its ServeMux pattern and who may reach it
// at all (the handler and the store then decide what each user sees).
type Route struct {
	Pattern string
	Access  Access
}

// Access is the gate in front of a route.
type Access string

const (
	Public    Access = "public" // anyone, signed in or not
	SignedIn  Access = "user"   // any signed-in user
	AdminOnly Access = "admin"  // administrators
)

// Routes lists every page of the web UI, for tests that must cover each
// (the authorization matrix) and fail when one is added without them.
func Routes() []Route {
	var table []Route
	(&server{}).register(func(pattern string, a Access, _ http.Handler) { table = append(table, Route{pattern, a}) })
	return table
}

func (s *server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	s.register(func(pattern string, _ Access, h http.Handler) { mux.Handle(pattern, h) })
	return mux
}

// register is the one place every page is registered. Pages that read are
// GET; everything that changes state is POST, so no link can change data.
func (s *server) register(add func(pattern string, a Access, h http.Handler)) {
	public := func(pattern string, h handler) { add(pattern, Public, s.serve(h)) }
	page := func(pattern string, h handler) { add(pattern, SignedIn, s.requireUser(s.serve(h))) }
	admin := func(pattern string, h handler) { add(pattern, AdminOnly, s.requireUser(s.requireAdmin(s.serve(h)))) }

	add("GET /static/", Public, s.static())
	public("GET /favicon.ico", s.favicon)
	public("GET /login", s.loginPage)
	public("POST /login", s.loginSubmit)
	public("POST /logout", s.logout)
	public("POST /lang", s.setLang)

	page("GET /{$}", s.home)

	page("GET /policy", s.policy)
	page("GET /documents/{id}", s.document)
	page("GET /clauses/{id}", s.clause)

	page("GET /library", s.library)
	page("GET /library/unsupported", s.libraryUnsupported)
	page("GET /library/{id}", s.libraryDocument)
	page("POST /library/{id}/files", s.libraryUpload)
	page("GET /library/files/{id}", s.libraryDownload)
	page("POST /library/{id}/state", s.libraryState)
	page("POST /library/{id}/sendings", s.librarySending)
	page("POST /library/{id}/links", s.libraryLink)
	page("POST /library/links/{id}/delete", s.libraryUnlink)
	page("GET /search", s.search)

	page("GET /work", s.workList)
	page("GET /work/new", s.workNew)
	page("GET /work/pick", s.workPick)
	page("POST /work", s.workCreate)
	page("GET /work/{id}", s.workDetail)
	page("GET /work/{id}/edit", s.workEdit)
	page("POST /work/{id}", s.workUpdate)
	page("POST /work/{id}/progress", s.workProgress)
	page("POST /work/{id}/delete", s.workDelete)
	page("GET /work/changes", s.workChanges)
	page("POST /work/changes/{id}/approve", s.workChangeDecide(true))
	page("POST /work/changes/{id}/reject", s.workChangeDecide(false))

	page("GET /dashboard", s.dashboard)
	page("GET /dashboard/provinces", s.dashboardProvinces)
	page("GET /units/{id}/dashboard", s.unitDashboard)
	page("GET /indicators", s.indicators)
	page("GET /indicators/{id}", s.indicator)
	page("GET /indicators/{id}/explain", s.indicatorExplain)
	page("GET /work/{id}/explain", s.workExplain)

	page("GET /values", s.valuesGrid)
	page("GET /values/matrix", s.valuesMatrix)
	page("POST /values", s.valuesSave)
	page("GET /values.xlsx", s.valuesXLSX)
	page("POST /values.xlsx", s.valuesUpload)
	page("GET /indicators/new", s.indicatorNew)
	page("POST /indicators", s.indicatorCreate)
	page("GET /indicators/{id}/edit", s.indicatorEdit)
	page("POST /indicators/{id}", s.indicatorUpdate)
	page("POST /indicators/{id}/targets", s.indicatorTargets)
	page("GET /indicators/{id}/targets.xlsx", s.targetsXLSX)
	page("POST /indicators/{id}/targets.xlsx", s.targetsUpload)

	page("GET /inbox", s.inbox)
	page("GET /rounds", s.rounds)
	page("GET /rounds/new", s.roundNew)
	page("POST /rounds", s.roundCreate)
	page("GET /rounds/{id}", s.round)
	page("POST /rounds/{id}/close", s.roundClose)
	page("GET /rounds/{id}/summary", s.roundSummary)
	page("GET /rounds/{id}/summary.pdf", s.roundSummaryPDF)
	page("GET /reports/{id}", s.report)
	page("POST /reports/{id}", s.reportSave)
	page("POST /reports/{id}/review", s.reportReview)
	page("POST /reports/{id}/evidence", s.evidenceUpload)
	page("GET /evidence/{id}", s.evidenceDownload)

	page("GET /meetings", s.meetings)
	page("GET /meetings/new", s.meetingNew)
	page("POST /meetings", s.meetingCreate)
	page("GET /meetings/{id}", s.meeting)
	page("GET /meetings/{id}/edit", s.meetingEdit)
	page("POST /meetings/{id}", s.meetingUpdate)
	page("POST /meetings/{id}/agenda", s.agendaAdd)
	page("POST /meetings/{id}/resolutions", s.resolutionAdd)
	page("POST /meetings/{id}/minutes-file", s.minutesUpload)
	page("GET /meetings/{id}/minutes", s.meetingMinutes)
	page("GET /meetings/{id}/minutes.pdf", s.meetingMinutesPDF)
	page("GET /meeting-files/{id}", s.meetingFileDownload)
	page("GET /consultations", s.consultations)
	page("GET /consultations/new", s.consultationNew)
	page("POST /consultations", s.consultationCreate)
	page("GET /consultations/{id}", s.consultation)
	page("GET /consultations/{id}/answer", s.consultationAnswer)
	page("POST /consultations/{id}/answer", s.consultationAnswerSave)
	page("POST /consultations/{id}/remind", s.consultationRemind)
	page("POST /consultations/{id}/rounds", s.consultationRound)
	page("POST /consultations/{id}/sendings", s.consultationSending)
	page("GET /consultations/{id}/consolidated", s.consultationConsolidated)
	page("GET /consultations/{id}/consolidated.pdf", s.consultationConsolidatedPDF)
	page("GET /consultation-files/{id}", s.consultationFileDownload)
	page("POST /consultations/{id}/close", s.consultationClose)
	page("POST /work/{id}/closure", s.closureRequest)
	page("POST /closures/{id}/accept", s.closureDecide(true))
	page("POST /closures/{id}/reject", s.closureDecide(false))
	page("GET /bodies", s.bodies)
	page("POST /bodies", s.bodyCreate)

	page("GET /calls", s.calls)
	page("GET /calls/new", s.callNew)
	page("POST /calls", s.callCreate)
	page("GET /calls/{id}", s.call)
	page("POST /calls/{id}/submissions", s.submissionCreate)
	page("POST /call-submissions/{id}/decision", s.submissionDecide)
	page("GET /call-files/{id}", s.callFileDownload)
	page("POST /calls/{id}/reviewers", s.reviewerCreate)
	page("POST /call-reviewers/{id}/renew", s.reviewerAction(true))
	page("POST /call-reviewers/{id}/revoke", s.reviewerAction(false))
	// A reviewer's link: no sign-in, the link is the credential (call_review.go).
	public("GET /review/{link}", s.reviewPage)
	public("GET /review/{link}/papers/{id}/file", s.reviewFile)
	public("POST /review/{link}/papers/{id}", s.reviewPost)
	page("GET /research", s.research)
	page("GET /research/axes/new", s.researchAxisNew)
	page("POST /research/axes", s.researchAxisSave)
	page("GET /research/axes/{id}/edit", s.researchAxisEdit)
	page("POST /research/axes/{id}", s.researchAxisSave)
	page("GET /research/projects/new", s.researchProjectNew)
	page("POST /research/projects", s.researchProjectSave)
	page("GET /research/projects/{id}", s.researchProject)
	page("GET /research/projects/{id}/edit", s.researchProjectEdit)
	page("POST /research/projects/{id}", s.researchProjectSave)
	page("POST /research/projects/{id}/stage", s.researchMove)
	page("POST /research/projects/{id}/deliverables", s.researchDeliver)
	page("GET /research/deliverables/{id}", s.researchFile)
	page("POST /research/deliverables/{id}/reviews", s.researchReview)
	page("GET /research/projects.xlsx", s.researchXLSX)
	page("POST /research/projects.xlsx", s.researchUpload)

	page("GET /notifications", s.notifications)
	page("POST /notifications/read", s.notificationsRead)
	page("GET /followup", s.followupBoard)
	page("POST /followup/remind", s.followupRemind)
	page("GET /history/{entity}/{id}", s.history)

	page("GET /account", s.account)
	page("GET /account/password", s.accountPassword)
	page("POST /account/password", s.accountPasswordSave)
	page("GET /account/tokens", s.accountTokens)
	page("POST /account/tokens", s.accountTokenCreate)
	page("POST /account/tokens/{id}/revoke", s.accountTokenRevoke)

	page("GET /units", s.units)
	page("GET /units/search", s.unitSearch)
	page("GET /units/{id}", s.unit)

	admin("GET /admin", s.adminHome)
	admin("GET /admin/audit", s.adminAudit)
	admin("GET /admin/audit.csv", s.adminAuditCSV)
	admin("GET /admin/users", s.adminUsers)
	admin("GET /admin/users/new", s.adminUserNew)
	admin("POST /admin/users", s.adminUserCreate)
	admin("GET /admin/users/{id}", s.adminUserEdit)
	admin("POST /admin/users/{id}", s.adminUserUpdate)
	admin("POST /admin/users/{id}/password", s.adminUserPassword)
	admin("POST /admin/users/{id}/tokens/{token}/revoke", s.adminUserTokenRevoke)
	admin("GET /admin/units", s.adminUnits)
	admin("GET /admin/units/new", s.adminUnitNew)
	admin("POST /admin/units", s.adminUnitCreate)
	admin("GET /admin/units/{id}", s.adminUnitEdit)
	admin("POST /admin/units/{id}", s.adminUnitUpdate)
	admin("POST /admin/units/{id}/delete", s.adminUnitDelete)
	admin("GET /admin/documents", s.adminDocuments)
	admin("GET /admin/documents/new", s.adminDocumentNew)
	admin("POST /admin/documents", s.adminDocumentCreate)
	admin("GET /admin/documents/{id}", s.adminDocumentEdit)
	admin("POST /admin/documents/{id}", s.adminDocumentUpdate)
	admin("GET /admin/documents/{id}/clauses/new", s.adminClauseNew)
	admin("POST /admin/documents/{id}/clauses", s.adminClauseCreate)
	admin("GET /admin/clauses/{id}", s.adminClauseEdit)
	admin("POST /admin/clauses/{id}", s.adminClauseUpdate)
	admin("POST /admin/clauses/{id}/delete", s.adminClauseDelete)

	// Everything else is a 404 page, not the mux's plain-text answer.
	public("/", s.notFound)
}

// serve adapts a handler that may fail: an error becomes the error page
// matching its code (404, 403, conflict, 500).
func (s *server) serve(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	})
}
