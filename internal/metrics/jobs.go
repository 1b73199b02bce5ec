package metrics

import (
	"time"

	"payesh"
)

// Job names, the values of the job label.
const (
	JobDigest = "digest"
	JobMail   = "mail"
	JobBackup = "backup"
)

// Watch makes a job's series exist from the start, at zero, so that a job
// that never ran shows as such rather than as missing; serve calls it for
// the jobs it runs.
func (m *Metrics) Watch(jobs ...string) {
	for _, j := range jobs {
		for _, res := range []string{"success", "failure"} {
			m.jobRuns.WithLabelValues(j, res)
		}
		if j == JobBackup {
			m.jobRuns.WithLabelValues(j, "skipped")
			// Shown only where backups run: a size of 0 elsewhere would
			// read as an empty backup.
			m.backupOnce.Do(func() { m.reg.MustRegister(m.backupBytes, m.backupSeconds) })
		}
		if j == JobMail {
			m.emails.WithLabelValues("sent")
			m.emails.WithLabelValues("failed")
		}
	}
}

// JobRun counts one run of a job that ended at, failed when err is not nil.
func (m *Metrics) JobRun(job string, err error, at time.Time) {
	ts := float64(at.UnixNano()) / 1e9
	m.jobLastRun.WithLabelValues(job).Set(ts)
	if err != nil {
		m.jobRuns.WithLabelValues(job, "failure").Inc()
		m.jobLastOK.WithLabelValues(job).Set(0)
		return
	}
	m.jobRuns.WithLabelValues(job, "success").Inc()
	m.jobLastOK.WithLabelValues(job).Set(1)
	m.jobLastSuccess.WithLabelValues(job).Set(ts)
}

// Digest counts a run of the follow-up job (followup.Runner.Observe). Its
// emails count as a run of the mail job when there were any to send: a
// success when every one went out.
func (m *Metrics) Digest(res payesh.DigestResult, err error) {
	at := m.now()
	m.JobRun(JobDigest, err, at)
	m.notifications.Add(float64(res.Created))
	if res.Emailed == 0 && res.EmailFailed == 0 {
		return
	}
	m.emails.WithLabelValues("sent").Add(float64(res.Emailed))
	m.emails.WithLabelValues("failed").Add(float64(res.EmailFailed))
	var mailErr error
	if res.EmailFailed > 0 {
		mailErr = errSomeEmailsFailed
	}
	m.JobRun(JobMail, mailErr, at)
}

// Backup counts a backup: written (err nil, with its size and time),
// failed, or skipped because another instance had the slot.
func (m *Metrics) Backup(skipped bool, bytes int64, took time.Duration, err error) {
	if skipped {
		m.jobRuns.WithLabelValues(JobBackup, "skipped").Inc()
		return
	}
	m.JobRun(JobBackup, err, m.now())
	if err == nil {
		m.backupBytes.Set(float64(bytes))
		m.backupSeconds.Set(took.Seconds())
	}
}

type jobError string

func (e jobError) Error() string { return string(e) }

const errSomeEmailsFailed = jobError("metrics: some emails failed")
