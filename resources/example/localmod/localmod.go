package localmod

import _ "example.com/yaml"
