module example.com/x

require example.com/a master
require example.com/b/v2 v1.0.0
require example.com/c v2.0.0
exclude example.com/d/v1 v1.0.0
require example.com/e "v1\x"
require example.com/f v1.0.0 extra
