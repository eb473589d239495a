package embedded

import (
	"net/http"
	"slices"

	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

func renderJob(j ovirt.Job) ovirt.Job {
	j.Href = ovirt.Href("jobs", j.ID)
	j.Link = ovirt.SubLinks(j.Href, "steps")
	return j
}

// listJobs is GET /jobs: newest first, max.
func (e *Engine) listJobs(w http.ResponseWriter, r *http.Request) error {
	max, err := queryMax(r)
	if err != nil {
		return err
	}
	var jobs []ovirt.Job
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		jobs, err = store.ListAllJSON[ovirt.Job](tx, kindJob)
		return err
	}); err != nil {
		return err
	}
	slices.Reverse(jobs)
	if max >= 0 && len(jobs) > max {
		jobs = jobs[:max]
	}
	for i := range jobs {
		jobs[i] = renderJob(jobs[i])
	}
	return writeJSON(w, http.StatusOK, &ovirt.Jobs{Job: jobs})
}

// getJob is GET /jobs/{id}.
func (e *Engine) getJob(w http.ResponseWriter, r *http.Request) error {
	var j ovirt.Job
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		j, err = getJSON[ovirt.Job](tx, kindJob, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	out := renderJob(j)
	return writeJSON(w, http.StatusOK, &out)
}

// listSteps is GET /jobs/{id}/steps.
func (e *Engine) listSteps(w http.ResponseWriter, r *http.Request) error {
	var steps []ovirt.Step
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		if _, err := getJSON[ovirt.Job](tx, kindJob, r.PathValue("id")); err != nil {
			return err
		}
		var err error
		steps, err = store.ListJSON[ovirt.Step](tx, kindStep, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &ovirt.Steps{Step: steps})
}

// getStep is GET /jobs/{id}/steps/{step}.
func (e *Engine) getStep(w http.ResponseWriter, r *http.Request) error {
	var s ovirt.Step
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		s, err = getJSON[ovirt.Step](tx, kindStep, r.PathValue("step"))
		if err == nil && (s.Job == nil || s.Job.ID != r.PathValue("id")) {
			return errNotFound
		}
		return err
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &s)
}
