module example.com/x

require 'a' v1.0.0
require "a\q" v1.0.0
tool a"b
ignore `x`
module "x" y
godebug a"=b
godebug nokey
