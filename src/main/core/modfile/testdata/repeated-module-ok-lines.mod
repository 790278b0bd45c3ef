module example.com/r

require example.com/a v1.0.0
require example.com/a v1.1.0
exclude example.com/a v1.0.0
exclude example.com/a v1.0.0
replace example.com/a => ./a
replace example.com/a => ./b
