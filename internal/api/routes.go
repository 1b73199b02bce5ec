package api

import (
	"net/http"
	"strings"
)

// handler is an API handler: it writes a success response itself and
// returns an error for serve to write, so every failure takes one path.
type handler func(s *server, w http.ResponseWriter, r *http.Request) error

// route is one entry of the API. The table is data so that the OpenAPI test
// can compare it with the spec in both directions.
type route struct {
	method string
	path   string // ServeMux pattern path, which is also the OpenAPI path
	public bool   // served without a signed-in user
	handle handler
}

const prefix = "/api/v1"

var routeTable = []route{
	{"GET", "/healthz", true, (*server).health},
	{"GET", "/readyz", true, (*server).ready},
	// Public to the API's sign-in: it has its own gate (Metrics.Allow).
	{"GET", "/metrics", true, (*server).metrics},
	{"GET", prefix + "/openapi.json", true, (*server).openAPI},

	{"POST", prefix + "/auth/login", true, (*server).login},
	{"POST", prefix + "/auth/logout", true, (*server).logout},
	{"GET", prefix + "/me", false, (*server).me},
	{"GET", prefix + "/tokens", false, (*server).listMyTokens},
	{"POST", prefix + "/tokens", false, (*server).issueToken},
	{"DELETE", prefix + "/tokens/{id}", false, (*server).revokeToken},

	{"GET", prefix + "/org-units", false, (*server).listOrgUnits},
	{"POST", prefix + "/org-units", false, (*server).createOrgUnit},
	{"GET", prefix + "/org-units/{id}", false, (*server).getOrgUnit},
	{"PATCH", prefix + "/org-units/{id}", false, (*server).patchOrgUnit},
	{"DELETE", prefix + "/org-units/{id}", false, (*server).deleteOrgUnit},

	{"GET", prefix + "/documents", false, (*server).listDocuments},
	{"POST", prefix + "/documents", false, (*server).createDocument},
	{"GET", prefix + "/documents/{id}", false, (*server).getDocument},
	{"PATCH", prefix + "/documents/{id}", false, (*server).patchDocument},
	{"DELETE", prefix + "/documents/{id}", false, (*server).deleteDocument},
	{"GET", prefix + "/documents/{id}/clauses", false, (*server).listClauses},
	{"POST", prefix + "/documents/{id}/clauses", false, (*server).createClause},
	{"GET", prefix + "/documents/{id}/progress", false, (*server).listClauseProgress},
	{"GET", prefix + "/documents/{id}/files", false, (*server).listDocumentFiles},
	{"POST", prefix + "/documents/{id}/files", false, (*server).uploadDocumentFile},
	{"GET", prefix + "/document-files/{id}", false, (*server).downloadDocumentFile},
	{"GET", prefix + "/documents/{id}/sendings", false, (*server).listSendings},
	{"POST", prefix + "/documents/{id}/sendings", false, (*server).createSending},
	{"GET", prefix + "/documents/{id}/links", false, (*server).listDocumentLinks},
	{"POST", prefix + "/documents/{id}/links", false, (*server).createDocumentLink},
	{"DELETE", prefix + "/clause-links/{id}", false, (*server).deleteDocumentLink},
	{"GET", prefix + "/documents/{id}/unsupported-clauses", false, (*server).listUnsupportedClauses},
	{"GET", prefix + "/search", false, (*server).search},

	{"GET", prefix + "/clauses/{id}", false, (*server).getClause},
	{"PATCH", prefix + "/clauses/{id}", false, (*server).patchClause},
	{"DELETE", prefix + "/clauses/{id}", false, (*server).deleteClause},
	{"GET", prefix + "/clauses/{id}/library", false, (*server).getClauseLibrary},

	{"GET", prefix + "/work-items", false, (*server).listWorkItems},
	{"POST", prefix + "/work-items", false, (*server).createWorkItem},
	{"GET", prefix + "/work-items/{id}", false, (*server).getWorkItem},
	{"PATCH", prefix + "/work-items/{id}", false, (*server).patchWorkItem},
	{"DELETE", prefix + "/work-items/{id}", false, (*server).deleteWorkItem},
	{"GET", prefix + "/work-items/{id}/updates", false, (*server).listProgress},
	{"POST", prefix + "/work-items/{id}/updates", false, (*server).postProgress},
	{"PUT", prefix + "/work-items/{id}/clauses/{clause_id}", false, (*server).linkClause},
	{"DELETE", prefix + "/work-items/{id}/clauses/{clause_id}", false, (*server).unlinkClause},
	{"GET", prefix + "/work-items/{id}/changes", false, (*server).listItemChanges},
	{"GET", prefix + "/work-changes", false, (*server).listWorkChanges},
	{"POST", prefix + "/work-changes/{id}/approve", false, (*server).approveWorkChange},
	{"POST", prefix + "/work-changes/{id}/reject", false, (*server).rejectWorkChange},

	{"GET", prefix + "/indicators", false, (*server).listIndicators},
	{"POST", prefix + "/indicators", false, (*server).createIndicator},
	{"GET", prefix + "/indicators/{id}", false, (*server).getIndicator},
	{"PATCH", prefix + "/indicators/{id}", false, (*server).patchIndicator},
	{"GET", prefix + "/indicators/{id}/targets", false, (*server).listTargets},
	{"PUT", prefix + "/indicators/{id}/targets", false, (*server).putTargets},
	{"GET", prefix + "/indicators/{id}/rollups", false, (*server).listRollups},
	{"GET", prefix + "/indicators/{id}/explain", false, (*server).explainIndicator},
	// The literal segment wins over {id} in ServeMux, so these are not
	// read as an indicator called "values".
	{"GET", prefix + "/indicators/values", false, (*server).listValues},
	{"POST", prefix + "/indicators/values", false, (*server).saveValues},
	{"POST", prefix + "/indicators/values/review", false, (*server).reviewValues},
	{"GET", prefix + "/scorecard", false, (*server).scorecard},
	{"GET", prefix + "/scores", false, (*server).scores},
	{"GET", prefix + "/open-data/values", false, (*server).openDataValues},

	{"GET", prefix + "/rounds", false, (*server).listRounds},
	{"POST", prefix + "/rounds", false, (*server).createRound},
	{"GET", prefix + "/rounds/{id}", false, (*server).getRound},
	{"POST", prefix + "/rounds/{id}/close", false, (*server).closeRound},
	{"GET", prefix + "/rounds/{id}/scores", false, (*server).roundScores},
	{"GET", prefix + "/rounds/{id}/late-closures", false, (*server).roundLateClosures},

	{"GET", prefix + "/reports", false, (*server).listReports},
	{"GET", prefix + "/reports/{id}", false, (*server).getReport},
	{"PATCH", prefix + "/reports/{id}", false, (*server).patchReport},
	{"POST", prefix + "/reports/{id}/review", false, (*server).reviewReport},
	{"POST", prefix + "/reports/{id}/withdraw", false, (*server).withdrawReport},
	{"GET", prefix + "/reports/{id}/checklist", false, (*server).reportChecklist},
	{"GET", prefix + "/reports/{id}/comments", false, (*server).listComments},
	{"GET", prefix + "/reports/{id}/chain", false, (*server).reportChain},
	{"GET", prefix + "/reports/{id}/evidence", false, (*server).listEvidence},
	{"POST", prefix + "/reports/{id}/evidence", false, (*server).uploadEvidence},
	{"GET", prefix + "/evidence/{id}", false, (*server).downloadEvidence},

	{"GET", prefix + "/notifications", false, (*server).listNotifications},
	{"POST", prefix + "/notifications/read", false, (*server).markRead},
	{"GET", prefix + "/followup/board", false, (*server).board},
	{"POST", prefix + "/followup/reminders", false, (*server).remind},

	{"GET", prefix + "/bodies", false, (*server).listBodies},
	{"POST", prefix + "/bodies", false, (*server).createBody},
	{"GET", prefix + "/bodies/{id}", false, (*server).getBody},
	{"GET", prefix + "/meetings", false, (*server).listMeetings},
	{"POST", prefix + "/meetings", false, (*server).createMeeting},
	{"GET", prefix + "/meetings/{id}", false, (*server).getMeeting},
	{"PUT", prefix + "/meetings/{id}", false, (*server).putMeeting},
	{"POST", prefix + "/meetings/{id}/agenda", false, (*server).addAgendaItem},
	{"GET", prefix + "/meetings/{id}/resolutions", false, (*server).listResolutions},
	{"POST", prefix + "/meetings/{id}/resolutions", false, (*server).createResolution},
	{"GET", prefix + "/meetings/{id}/earlier-resolutions", false, (*server).listEarlierResolutions},
	{"POST", prefix + "/meetings/{id}/minutes-file", false, (*server).uploadMinutes},
	{"GET", prefix + "/meeting-files/{id}", false, (*server).downloadMeetingFile},
	{"GET", prefix + "/work-items/{id}/closures", false, (*server).listClosures},
	{"POST", prefix + "/work-items/{id}/closures", false, (*server).requestClosure},
	{"POST", prefix + "/closures/{id}/accept", false, (*server).acceptClosure},
	{"POST", prefix + "/closures/{id}/reject", false, (*server).rejectClosure},
	{"GET", prefix + "/followup/meetings", false, (*server).lateByMeeting},

	{"GET", prefix + "/consultations", false, (*server).listConsultations},
	{"POST", prefix + "/consultations", false, (*server).createConsultation},
	{"GET", prefix + "/consultations/{id}", false, (*server).getConsultation},
	{"POST", prefix + "/consultations/{id}/rounds", false, (*server).openConsultationRound},
	{"POST", prefix + "/consultations/{id}/reminders", false, (*server).remindConsultation},
	{"GET", prefix + "/consultations/{id}/answers", false, (*server).listConsultationAnswers},
	{"PUT", prefix + "/consultations/{id}/answers", false, (*server).putConsultationAnswers},
	{"GET", prefix + "/consultations/{id}/form", false, (*server).getConsultationForm},
	{"GET", prefix + "/consultations/{id}/consolidated", false, (*server).getConsolidated},
	{"GET", prefix + "/consultations/{id}/sendings", false, (*server).listConsultationSendings},
	{"POST", prefix + "/consultations/{id}/sendings", false, (*server).createConsultationSending},
	{"GET", prefix + "/consultation-files/{id}", false, (*server).downloadConsultationFile},
	{"GET", prefix + "/clauses/{id}/consultations", false, (*server).listClauseConsultations},
	{"POST", prefix + "/consultations/{id}/close", false, (*server).closeConsultation},
	{"GET", prefix + "/calls", false, (*server).listCalls},
	{"POST", prefix + "/calls", false, (*server).createCall},
	{"GET", prefix + "/calls/{id}", false, (*server).getCall},
	{"PUT", prefix + "/calls/{id}", false, (*server).putCall},
	{"GET", prefix + "/calls/{id}/submissions", false, (*server).listSubmissions},
	{"POST", prefix + "/calls/{id}/submissions", false, (*server).createSubmission},
	{"GET", prefix + "/submissions/{id}", false, (*server).getSubmission},
	{"POST", prefix + "/submissions/{id}/file", false, (*server).uploadSubmissionFile},
	{"POST", prefix + "/submissions/{id}/decision", false, (*server).decideSubmission},
	{"GET", prefix + "/call-files/{id}", false, (*server).downloadCallFile},
	{"GET", prefix + "/calls/{id}/reviewers", false, (*server).listReviewers},
	{"POST", prefix + "/calls/{id}/reviewers", false, (*server).createReviewer},
	{"POST", prefix + "/reviewers/{id}/assignments", false, (*server).assignReviewer},
	{"POST", prefix + "/reviewers/{id}/renew", false, (*server).renewReviewer},
	{"POST", prefix + "/reviewers/{id}/revoke", false, (*server).revokeReviewer},
	// A reviewer's link: public, the token is the credential (calls.go).
	{"GET", prefix + "/review/{link}", true, (*server).reviewerDesk},
	{"GET", prefix + "/review/{link}/submissions/{id}/file", true, (*server).reviewerFile},
	{"POST", prefix + "/review/{link}/submissions/{id}/review", true, (*server).postReview},
	{"GET", prefix + "/research-axes", false, (*server).listResearchAxes},
	{"POST", prefix + "/research-axes", false, (*server).createResearchAxis},
	{"GET", prefix + "/research-axes/{id}", false, (*server).getResearchAxis},
	{"PUT", prefix + "/research-axes/{id}", false, (*server).putResearchAxis},
	{"GET", prefix + "/research-projects", false, (*server).listResearchProjects},
	{"POST", prefix + "/research-projects", false, (*server).createResearchProject},
	{"GET", prefix + "/research-projects/workbook", false, (*server).researchWorkbook},
	{"POST", prefix + "/research-projects/import", false, (*server).importResearch},
	{"GET", prefix + "/research-projects/{id}", false, (*server).getResearchProject},
	{"PUT", prefix + "/research-projects/{id}", false, (*server).putResearchProject},
	{"POST", prefix + "/research-projects/{id}/stage", false, (*server).moveResearchStage},
	{"POST", prefix + "/research-projects/{id}/deliverables", false, (*server).uploadDeliverable},
	{"GET", prefix + "/research-files/{id}", false, (*server).downloadResearchFile},
	{"POST", prefix + "/research-files/{id}/reviews", false, (*server).reviewResearchFile},
	{"GET", prefix + "/followup/research", false, (*server).lateResearch},

	{"GET", prefix + "/users", false, (*server).listUsers},
	{"POST", prefix + "/users", false, (*server).createUser},
	{"GET", prefix + "/users/{id}", false, (*server).getUser},
	{"PATCH", prefix + "/users/{id}", false, (*server).patchUser},
	{"PUT", prefix + "/users/{id}/password", false, (*server).setPassword},
	{"GET", prefix + "/users/{id}/tokens", false, (*server).listUserTokens},

	{"GET", prefix + "/audit", false, (*server).listAudit},
}

// Route is an entry of the API as tests see it: method, ServeMux path and
// whether it is served without a signed-in user.
type Route struct {
	Method, Path string
	Public       bool
}

// Routes lists every route of the API, for tests that must cover each
// (the authorization matrix) and fail when one is added without them.
func Routes() []Route {
	out := make([]Route, len(routeTable))
	for i, rt := range routeTable {
		out[i] = Route{rt.method, rt.path, rt.public}
	}
	return out
}

// catchAll answers every other path under the prefix, so that clients get
// JSON 404 and 405 instead of the mux's plain text.
const catchAll = prefix + "/"

func (s *server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range routeTable {
		h := s.serve(rt.handle)
		if !rt.public {
			h = s.authenticate(h)
		}
		mux.Handle(rt.method+" "+rt.path, h)
	}
	mux.Handle(catchAll, s.serve((*server).noRoute))
	return mux
}

// serve adapts a handler to net/http, writing its error if it returns one.
func (s *server) serve(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(s, w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// noRoute tells "no such path" from "path exists, method does not" by asking
// the mux which methods would match a twin of the request.
func (s *server) noRoute(w http.ResponseWriter, r *http.Request) error {
	var allowed []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		twin := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
		if _, pattern := s.mux.Handler(twin); pattern != "" && pattern != catchAll {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) == 0 {
		return errNoRoute
	}
	if allowed[0] == "GET" {
		allowed = append(allowed, "HEAD")
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	return errMethod
}
