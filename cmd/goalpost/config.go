package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/warehouse"
)

// defaultConfig is read when it exists and --config is not given.
const defaultConfig = "goalpost.yaml"

// loadConfig returns goalpost.yaml: the --config file (which must exist), or ./goalpost.yaml
// when there is one, or nil: every setting then comes from flags and defaults.
func (a *app) loadConfig() (*goals.Config, error) {
	path := a.config
	if path == "" {
		if _, err := os.Stat(defaultConfig); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		path = defaultConfig
	}
	return goals.LoadConfig(path)
}

// warehouseLocation is --warehouse, else $GOALPOST_WAREHOUSE, else goalpost.yaml's warehouse,
// else the default directory.
func (a *app) warehouseLocation() (string, error) {
	if a.warehouse != "" || os.Getenv("GOALPOST_WAREHOUSE") != "" {
		return warehouse.Resolve(a.warehouse), nil
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return "", err
	}
	if cfg != nil && cfg.Warehouse != "" {
		return cfg.Warehouse, nil
	}
	return warehouse.Resolve(""), nil
}

// loadGoals reads the goals file the configuration names, for org; nil when there is none.
func loadGoals(cfg *goals.Config, org string) (*goals.File, error) {
	if cfg == nil || cfg.Goals == "" {
		return nil, nil
	}
	if _, err := os.Stat(cfg.Goals); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: goals file %s does not exist (run `goalpost init` or fix goals: in %s)", cfg.Path, cfg.Goals, cfg.Path)
	}
	return loadGoalsFile(cfg.Goals, org)
}

// loadGoalsFile reads and validates a goals file, accepting the installed connectors'
// platforms as well as the known ones.
func loadGoalsFile(path, org string) (*goals.File, error) {
	var platforms []string
	for _, c := range catalog.Default().All() {
		platforms = append(platforms, c.Spec().Platform)
	}
	f, err := goals.Load(path, goals.LoadOptions{Platforms: platforms})
	if err != nil {
		return nil, err
	}
	f.Org = org
	return f, nil
}

// orgOf is the organisation id: the flag, else goalpost.yaml's, else "default".
func orgOf(flag string, cfg *goals.Config) string {
	switch {
	case flag != "":
		return flag
	case cfg != nil && cfg.Org != "":
		return cfg.Org
	}
	return "default"
}

// queriesDir is the organisation's saved queries folder: queries/ beside goalpost.yaml.
func queriesDir(cfg *goals.Config) string {
	if cfg == nil {
		return ""
	}
	return filepath.Join(filepath.Dir(cfg.Path), "queries")
}
