package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/innsyn/innsyn/internal/mail"
)

// Requests is the request-for-access work the jobs do: send outbox mails,
// tell requesters of deemed refusals, erase closed orders' personal data.
type Requests interface {
	// SendMail sends one outbox mail; a mail already sent is not sent
	// again. An error mail.IsPermanent reports is not retried.
	SendMail(ctx context.Context, id int64, sender mail.Sender) error
	NotifyDeemedRefusals(ctx context.Context, limit int) (int, error)
	EraseClosed(ctx context.Context, after time.Duration, limit int) (int, error)
}

// queueMail is River's queue for mail: its own workers, so that a large
// import's text extraction never holds up a verification mail.
const queueMail = "mail"

// mailAttempts: River's backoff grows with each attempt, so 20 attempts
// keep retrying for days while the SMTP server is down.
const mailAttempts = 20

// SendMailArgs asks for one outbox mail to be sent.
type SendMailArgs struct {
	OutboxID int64 `json:"outbox_id"`
}

// Kind names the job in River's tables.
func (SendMailArgs) Kind() string { return "send_mail" }

// InsertOpts puts mails on their own queue.
func (SendMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueMail, MaxAttempts: mailAttempts}
}

// QueueMail queues the sending of outbox mails in tx, the transaction that
// wrote them: a mail is queued if and only if it exists.
func (q Queue) QueueMail(ctx context.Context, tx *sql.Tx, outboxIDs []int64) error {
	params := make([]river.InsertManyParams, len(outboxIDs))
	for i, id := range outboxIDs {
		params[i] = river.InsertManyParams{Args: SendMailArgs{OutboxID: id}}
	}
	if _, err := q.Client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

type sendMailWorker struct {
	river.WorkerDefaults[SendMailArgs]
	requests Requests
	sender   mail.Sender
}

// Work sends the mail. A permanent refusal cancels the job: retrying the
// same message to the same address gives the same answer.
func (w *sendMailWorker) Work(ctx context.Context, job *river.Job[SendMailArgs]) error {
	err := w.requests.SendMail(ctx, job.Args.OutboxID, w.sender)
	if err != nil && mail.IsPermanent(err) {
		return river.JobCancel(err)
	}
	return err
}

// Timeout bounds one attempt; the SMTP client has its own, shorter one.
func (w *sendMailWorker) Timeout(*river.Job[SendMailArgs]) time.Duration { return 2 * time.Minute }

// RequestClockArgs asks for the time-driven work on requests: deemed
// refusals told, closed orders erased.
type RequestClockArgs struct{}

// Kind names the job in River's tables.
func (RequestClockArgs) Kind() string { return "innsynskrav_clock" }

// InsertOpts keeps one such job at a time.
func (RequestClockArgs) InsertOpts() river.InsertOpts {
	return RefreshDueArgs{}.InsertOpts()
}

type requestClockWorker struct {
	river.WorkerDefaults[RequestClockArgs]
	requests Requests
	erase    time.Duration
}

// requestBatch bounds one transaction of the request clock.
const requestBatch = 200

// Work notifies deemed refusals and erases closed orders, in batches until
// none are left.
func (w *requestClockWorker) Work(ctx context.Context, job *river.Job[RequestClockArgs]) error {
	var errs []error
	for {
		n, err := w.requests.NotifyDeemedRefusals(ctx, requestBatch)
		if err != nil {
			errs = append(errs, fmt.Errorf("deemed refusals: %w", err))
		}
		if err != nil || n < requestBatch {
			break
		}
	}
	for {
		n, err := w.requests.EraseClosed(ctx, w.erase, requestBatch)
		if err != nil {
			errs = append(errs, fmt.Errorf("erase closed requests: %w", err))
		}
		if err != nil || n < requestBatch {
			break
		}
	}
	return errors.Join(errs...)
}
