package metrics

import (
	"errors"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"payesh"
)

// gathered is the value of the series name{labels}, and whether it is
// there.
func gathered(t *testing.T, m *Metrics, name string, labels map[string]string) (float64, bool) {
	t.Helper()
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
	next:
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				if v, ok := labels[l.GetName()]; ok && v != l.GetValue() {
					continue next
				}
			}
			return value(s), true
		}
	}
	return 0, false
}

func value(s *dto.Metric) float64 {
	switch {
	case s.Counter != nil:
		return s.GetCounter().GetValue()
	case s.Gauge != nil:
		return s.GetGauge().GetValue()
	}
	return 0
}

// TestJobs: a digest run counts as a success or a failure of the digest
// job, with the time of the last success; its emails as a run of the mail
// job — a failure when any failed — only when there were any; a backup
// skipped for another instance is neither; the watched jobs show zeros
// before their first run, and the backup's size only where backups run.
func TestJobs(t *testing.T) {
	clock := time.Unix(1_700_000_000, 0)
	m := New(Options{Now: func() time.Time { return clock }})
	if _, ok := gathered(t, m, "payesh_backup_last_size_bytes", nil); ok {
		t.Error("a backup size where no backup runs")
	}
	m.Watch(JobDigest, JobMail, JobBackup)
	type want struct {
		name   string
		labels map[string]string
		value  float64
	}
	check := func(step string, wants ...want) {
		t.Helper()
		for _, w := range wants {
			got, ok := gathered(t, m, w.name, w.labels)
			if !ok || got != w.value {
				t.Errorf("%s: %s%v = %v (present %v), want %v", step, w.name, w.labels, got, ok, w.value)
			}
		}
	}
	runs := func(job, result string) map[string]string { return map[string]string{"job": job, "result": result} }
	job := func(name string) map[string]string { return map[string]string{"job": name} }
	check("watched", want{"payesh_job_runs_total", runs("backup", "success"), 0},
		want{"payesh_job_runs_total", runs("mail", "failure"), 0},
		want{"payesh_emails_total", map[string]string{"result": "sent"}, 0},
		want{"payesh_backup_last_size_bytes", nil, 0})

	m.Digest(payesh.DigestResult{Created: 4}, nil)
	check("a digest without emails",
		want{"payesh_job_runs_total", runs("digest", "success"), 1},
		want{"payesh_job_last_success_timestamp_seconds", job("digest"), 1_700_000_000},
		want{"payesh_job_last_run_success", job("digest"), 1},
		want{"payesh_digest_notifications_created_total", nil, 4},
		want{"payesh_job_runs_total", runs("mail", "success"), 0})

	clock = clock.Add(time.Hour)
	m.Digest(payesh.DigestResult{Created: 1, Emailed: 2, EmailFailed: 1}, nil)
	check("a digest with a failed email",
		want{"payesh_job_runs_total", runs("digest", "success"), 2},
		want{"payesh_emails_total", map[string]string{"result": "sent"}, 2},
		want{"payesh_emails_total", map[string]string{"result": "failed"}, 1},
		want{"payesh_job_runs_total", runs("mail", "failure"), 1},
		want{"payesh_job_last_run_success", job("mail"), 0})
	if _, ok := gathered(t, m, "payesh_job_last_success_timestamp_seconds", job("mail")); ok {
		t.Error("the mail job has a last success, though it never succeeded")
	}

	clock = clock.Add(time.Hour)
	m.Digest(payesh.DigestResult{}, errors.New("database gone"))
	check("a failed digest",
		want{"payesh_job_runs_total", runs("digest", "failure"), 1},
		want{"payesh_job_last_run_success", job("digest"), 0},
		want{"payesh_job_last_run_timestamp_seconds", job("digest"), 1_700_007_200},
		want{"payesh_job_last_success_timestamp_seconds", job("digest"), 1_700_003_600})

	m.Backup(false, 12345, 1500*time.Millisecond, nil)
	m.Backup(true, 0, 0, nil)
	m.Backup(false, 0, time.Second, errors.New("disk full"))
	check("backups",
		want{"payesh_job_runs_total", runs("backup", "success"), 1},
		want{"payesh_job_runs_total", runs("backup", "skipped"), 1},
		want{"payesh_job_runs_total", runs("backup", "failure"), 1},
		want{"payesh_job_last_run_success", job("backup"), 0},
		want{"payesh_backup_last_size_bytes", nil, 12345},
		want{"payesh_backup_last_duration_seconds", nil, 1.5})
}

// TestKnownMethod: a made-up method is one series, not one each.
func TestKnownMethod(t *testing.T) {
	m := New(Options{})
	m.ObserveRequest("BREW", "unmatched", 405, time.Millisecond)
	m.ObserveRequest("PROPFIND", "unmatched", 405, time.Millisecond)
	if v, ok := gathered(t, m, "payesh_http_requests_total", map[string]string{"method": "OTHER", "route": "unmatched", "status": "405"}); !ok || v != 2 {
		t.Errorf("made-up methods: %v %v", v, ok)
	}
}
