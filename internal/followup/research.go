package followup

// stageArgs are the notification arguments that hold a research
// project's stage (payesh.ResearchStage), shown in the reader's words.
var stageArgs = map[string]bool{"from_stage": true, "to_stage": true}
