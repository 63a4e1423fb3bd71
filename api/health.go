package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rs/zerolog"
)

// readinessTimeout bounds each dependency check.
const readinessTimeout = 3 * time.Second

// HealthOutput says the process is alive.
type HealthOutput struct {
	Body struct {
		Status string `json:"status" enum:"ok" example:"ok" doc:"Always ok when the process answers."`
	}
}

// DependencyStatus is the state of one dependency.
type DependencyStatus struct {
	Name   string `json:"name" example:"database" doc:"The dependency."`
	Status string `json:"status" enum:"ok,unavailable" example:"ok" doc:"Whether it answered in time."`
}

// ReadyOutput says whether the service can serve.
type ReadyOutput struct {
	Status int
	Body   struct {
		Status       string             `json:"status" enum:"ready,not_ready" example:"ready" doc:"ready when every dependency is ok."`
		Dependencies []DependencyStatus `json:"dependencies" doc:"Each dependency's state."`
	}
}

func registerHealth(api huma.API, deps Deps) {
	huma.Register(api, huma.Operation{
		OperationID: "healthz",
		Method:      http.MethodGet,
		Path:        "/healthz",
		Summary:     "Liveness probe",
		Description: "Answers 200 while the process runs; it checks nothing else.",
		Tags:        []string{"operations"},
		Errors:      []int{http.StatusInternalServerError},
	}, func(ctx context.Context, _ *struct{}) (*HealthOutput, error) {
		out := &HealthOutput{}
		out.Body.Status = "ok"
		return out, nil
	})

	huma.Register(api, huma.Operation{
		OperationID: "readyz",
		Method:      http.MethodGet,
		Path:        "/readyz",
		Summary:     "Readiness probe",
		Description: "Checks PostgreSQL and the document store. 200 when all answer, 503 naming the ones that do not; " +
			"a load balancer should send traffic only to ready replicas.",
		Tags:   []string{"operations"},
		Errors: []int{http.StatusServiceUnavailable},
	}, func(ctx context.Context, _ *struct{}) (*ReadyOutput, error) {
		out := &ReadyOutput{Status: http.StatusOK}
		out.Body.Status = "ready"
		out.Body.Dependencies = []DependencyStatus{}
		for _, c := range deps.Checks {
			cctx, cancel := context.WithTimeout(ctx, readinessTimeout)
			err := c.Check(cctx)
			cancel()
			status := "ok"
			if err != nil {
				zerolog.Ctx(ctx).Warn().Err(err).Str("dependency", c.Name).Msg("not ready")
				status = "unavailable"
				out.Status = http.StatusServiceUnavailable
				out.Body.Status = "not_ready"
			}
			out.Body.Dependencies = append(out.Body.Dependencies, DependencyStatus{Name: c.Name, Status: status})
		}
		return out, nil
	})
}
