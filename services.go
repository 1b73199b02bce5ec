package payesh

// Services is the whole set of the domain's services. The store implements
// every one; each transport (the JSON API, the web UI) is handed the set,
// so a new service is wired in one place.
type Services struct {
	Units      OrgUnitService
	Documents  DocumentService
	Work       WorkItemService
	Users      UserService
	Audit      AuditService
	Indicators IndicatorService
	Reports    ReportService
	FollowUp   FollowUpService
	OpenData   OpenDataService
	Library    LibraryService
	Search     SearchService
	Meetings   MeetingService
	Consult    ConsultationService
	Calls      CallService
	Research   ResearchService
}
