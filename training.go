package payesh

import (
	"context"
	"strings"
)

// A training set (payesh demo --training) is illustrative data for people
// learning Payesh — a round in progress, provinces' monthly values — kept
// apart from the facts: its indicators' codes start with TrainingPrefix,
// its names and round titles with TrainingMark, and each of its values
// carries TrainingNote. Pages that show indicators, values or rounds put
// a banner above them while a training set is in the database.
const (
	TrainingPrefix = "training-"
	TrainingMark   = "[آموزشی] "
	TrainingNote   = "رقم آموزشی و ساختگی، برای تمرین با سامانه؛ از هیچ منبعی گرفته نشده و واقعی نیست."
)

// IsTraining reports whether an indicator's code marks it as training data.
func IsTraining(code string) bool { return strings.HasPrefix(code, TrainingPrefix) }

// TrainingReader says whether a training set is in the database.
type TrainingReader interface {
	TrainingLoaded(ctx context.Context) (bool, error)
}
