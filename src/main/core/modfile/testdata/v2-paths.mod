module example.com/m/v3

require (
	example.com/a/v2 v2.0.1
	gopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405
	gopkg.in/yaml.v2 v2.4.0
	gopkg.in/foo.v1-unstable v1.0.0
)
