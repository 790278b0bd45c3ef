module example.com/oldlib
