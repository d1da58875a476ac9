-- Miss scenario: every request asks for a new path under /miss/, i.e. a
-- new cache key. The script argument is a prefix unique to the run (given
-- by server_suite.py), so no two runs share keys.
local prefix = "x"
local counter = 0

function init(args)
    prefix = args[1] or "x"
end

function request()
    counter = counter + 1
    return wrk.format(nil, "/miss/" .. prefix .. "-" .. counter .. ".html")
end
