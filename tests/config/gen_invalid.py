#!/usr/bin/env python3
"""Writes tests/config/invalid/<name>.json from a small valid base config and
one mutation each, with <name>.err holding the exact message the loader must
give (written by hand here, never captured from the loader). Run from the
repository root after editing; the files are committed."""
import copy
import json
import os

D = "tests/config/invalid"
P = "$.DistributionConfig"


def base():
    return {
        "ETag": "E1EXAMPLE",
        "DistributionConfig": {
            "CallerReference": "ref",
            "Origins": {"Quantity": 1, "Items": [{
                "Id": "web", "DomainName": "origin.example.com",
                "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                       "OriginProtocolPolicy": "http-only"}}]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "web",
                "ViewerProtocolPolicy": "allow-all",
                "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
            "CacheBehaviors": {"Quantity": 3, "Items": [
                {"PathPattern": "/a/*", "TargetOriginId": "web",
                 "ViewerProtocolPolicy": "allow-all",
                 "CachePolicyId": "CachingDisabled"},
                {"PathPattern": "/b/*", "TargetOriginId": "web",
                 "ViewerProtocolPolicy": "allow-all",
                 "CachePolicyId": "CachingDisabled"},
                {"PathPattern": "/c/*", "TargetOriginId": "web",
                 "ViewerProtocolPolicy": "allow-all",
                 "CachePolicyId": "CachingDisabled"}]},
            "Comment": "",
            "Enabled": True,
        },
        "Brink": {"Functions": {
            "fn": {"File": "../functions/rewrite.js"}}},
    }


cases = []


def case(name, msg, mutate=None, raw=None):
    cases.append((name, msg, mutate, raw))


def dc(c):
    return c["DistributionConfig"]


def beh(c, i):
    return dc(c)["CacheBehaviors"]["Items"][i]


def org(c):
    return dc(c)["Origins"]["Items"][0]


case("syntax", ":1:36: invalid JSON: unexpected token near '}'",
     raw='{"DistributionConfig": {"Origins": }}\n')
case("not_object", "$: must be an object", raw="[1, 2]\n")
case("duplicate_key",
     ":1:49: invalid JSON: duplicate object key near '\"Comment\"'",
     raw='{"DistributionConfig": {"Comment": "a", "Comment": "b"}}\n')
case("quantity_mismatch",
     P + ".Origins.Quantity: is 2 but Items has 1 entries",
     lambda c: dc(c)["Origins"].__setitem__("Quantity", 2))
case("quantity_no_items", P + ".CacheBehaviors.Quantity: is 3 but Items is missing",
     lambda c: dc(c)["CacheBehaviors"].pop("Items"))
case("path_pattern_char",
     P + ".CacheBehaviors.Items[2].PathPattern: invalid character '<' "
     "(allowed: letters, digits, _-.*$/~\"'@:+& and ?)",
     lambda c: beh(c, 2).__setitem__("PathPattern", "/img/<x>"))
case("path_pattern_dup",
     P + ".CacheBehaviors.Items[1].PathPattern: duplicate pattern \"/a/*\" "
     "(also Items[0])",
     lambda c: beh(c, 1).__setitem__("PathPattern", "a/*"))
case("unknown_target",
     P + ".CacheBehaviors.Items[1].TargetOriginId: no origin or origin group "
     "with id \"nope\"",
     lambda c: beh(c, 1).__setitem__("TargetOriginId", "nope"))


def dup_origin(c):
    o = copy.deepcopy(org(c))
    o["DomainName"] = "other.example.com"
    dc(c)["Origins"]["Items"].append(o)
    dc(c)["Origins"]["Quantity"] = 2


case("duplicate_origin",
     P + ".Origins.Items[1].Id: duplicate origin id \"web\" (also Items[0])",
     dup_origin)
case("missing_function",
     P + ".DefaultCacheBehavior.FunctionAssociations.Items[0].FunctionARN: "
     "no function \"nofn\" in Brink.Functions",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__(
         "FunctionAssociations", {"Quantity": 1, "Items": [{
             "FunctionARN": "arn:aws:cloudfront::123456789012:function/nofn",
             "EventType": "viewer-request"}]}))
case("cff_origin_event",
     P + ".DefaultCacheBehavior.FunctionAssociations.Items[0].EventType: "
     "CloudFront Functions run only at viewer-request and viewer-response",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__(
         "FunctionAssociations", {"Quantity": 1, "Items": [{
             "FunctionARN": "arn:aws:cloudfront::123456789012:function/fn",
             "EventType": "origin-request"}]}))
case("missing_cache_policy",
     P + ".CacheBehaviors.Items[0].CachePolicyId: no cache policy "
     "\"no-such-policy\" (neither in Brink.CachePolicies nor managed)",
     lambda c: beh(c, 0).__setitem__("CachePolicyId", "no-such-policy"))
case("missing_orp",
     P + ".DefaultCacheBehavior.OriginRequestPolicyId: no origin request "
     "policy \"AllViewers\" (neither in Brink.OriginRequestPolicies nor "
     "managed)",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__(
         "OriginRequestPolicyId", "AllViewers"))
case("bad_port",
     P + ".Origins.Items[0].CustomOriginConfig.HTTPPort: must be 80, 443 or "
     "1024-65535",
     lambda c: org(c)["CustomOriginConfig"].__setitem__("HTTPPort", 81))
case("port_range",
     P + ".Origins.Items[0].CustomOriginConfig.HTTPSPort: 70000 is out of "
     "range (1-65535)",
     lambda c: org(c)["CustomOriginConfig"].__setitem__("HTTPSPort", 70000))
case("read_timeout",
     P + ".Origins.Items[0].CustomOriginConfig.OriginReadTimeout: 181 is out "
     "of range (1-180)",
     lambda c: org(c)["CustomOriginConfig"].__setitem__(
         "OriginReadTimeout", 181))
case("connection_attempts",
     P + ".Origins.Items[0].ConnectionAttempts: 0 is out of range (1-3)",
     lambda c: org(c).__setitem__("ConnectionAttempts", 0))
case("protocol_policy",
     P + ".Origins.Items[0].CustomOriginConfig.OriginProtocolPolicy: must be "
     "one of: http-only, match-viewer, https-only",
     lambda c: org(c)["CustomOriginConfig"].__setitem__(
         "OriginProtocolPolicy", "HTTP-only"))
case("bad_methods",
     P + ".CacheBehaviors.Items[0].AllowedMethods: must be [GET, HEAD], "
     "[GET, HEAD, OPTIONS] or [GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE]",
     lambda c: beh(c, 0).__setitem__("AllowedMethods", {
         "Quantity": 2, "Items": ["GET", "POST"]}))
case("unknown_method",
     P + ".CacheBehaviors.Items[0].AllowedMethods.Items[1]: not one of GET, "
     "HEAD, OPTIONS, PUT, PATCH, POST, DELETE",
     lambda c: beh(c, 0).__setitem__("AllowedMethods", {
         "Quantity": 2, "Items": ["GET", "get"]}))
case("cached_not_subset",
     P + ".CacheBehaviors.Items[0].AllowedMethods.CachedMethods: must be a "
     "subset of AllowedMethods",
     lambda c: beh(c, 0).__setitem__("AllowedMethods", {
         "Quantity": 2, "Items": ["GET", "HEAD"],
         "CachedMethods": {"Quantity": 3, "Items": ["GET", "HEAD", "OPTIONS"]}}))
case("policy_and_legacy",
     P + ".CacheBehaviors.Items[0].ForwardedValues: cannot be combined with "
     "CachePolicyId",
     lambda c: beh(c, 0).__setitem__("ForwardedValues", {
         "QueryString": False, "Cookies": {"Forward": "none"}}))
case("no_cache_settings",
     P + ".CacheBehaviors.Items[1]: needs CachePolicyId or (legacy) "
     "ForwardedValues",
     lambda c: beh(c, 1).pop("CachePolicyId"))
case("legacy_ttl_order",
     P + ".CacheBehaviors.Items[1].MaxTTL: must be at least DefaultTTL (600)",
     lambda c: (beh(c, 1).pop("CachePolicyId"), beh(c, 1).update({
         "ForwardedValues": {"QueryString": False,
                             "Cookies": {"Forward": "none"}},
         "MinTTL": 0, "DefaultTTL": 600, "MaxTTL": 60})))
case("trusted_signers",
     P + ".DefaultCacheBehavior.TrustedKeyGroups: signed URLs and cookies "
     "are not implemented; brink would serve this behaviour's content to "
     "anyone",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__(
         "TrustedKeyGroups", {"Enabled": True, "Quantity": 1,
                              "Items": ["kg-1"]}))
case("lambda_latest",
     P + ".DefaultCacheBehavior.LambdaFunctionAssociations.Items[0]."
     "LambdaFunctionARN: must name a numbered version: arn:aws:lambda:"
     "REGION:ACCOUNT:function:NAME:VERSION ($LATEST and aliases are not "
     "allowed)",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__(
         "LambdaFunctionAssociations", {"Quantity": 1, "Items": [{
             "LambdaFunctionARN":
                 "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",
             "EventType": "origin-request"}]}))
case("lambda_body_response",
     P + ".DefaultCacheBehavior.LambdaFunctionAssociations.Items[0]."
     "IncludeBody: only for viewer-request and origin-request",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__(
         "LambdaFunctionAssociations", {"Quantity": 1, "Items": [{
             "LambdaFunctionARN":
                 "arn:aws:lambda:us-east-1:123456789012:function:f:3",
             "EventType": "origin-response", "IncludeBody": True}]}))


def group(members, codes):
    def m(c):
        dc(c)["OriginGroups"] = {"Quantity": 1, "Items": [{
            "Id": "grp",
            "FailoverCriteria": {"StatusCodes": {"Quantity": len(codes),
                                                 "Items": codes}},
            "Members": {"Quantity": len(members),
                        "Items": [{"OriginId": x} for x in members]}}]}
    return m


case("group_members",
     P + ".OriginGroups.Items[0].Members: an origin group has exactly 2 "
     "members, not 1", group(["web"], [500]))
case("group_unknown_member",
     P + ".OriginGroups.Items[0].Members.Items[1].OriginId: no origin with "
     "id \"gone\"", group(["web", "gone"], [500]))
case("failover_code",
     P + ".OriginGroups.Items[0].FailoverCriteria.StatusCodes.Items[1]: "
     "must be one of 400, 403, 404, 416, 500, 502, 503, 504",
     group(["web", "web"], [500, 501]))
case("error_response_pair",
     P + ".CustomErrorResponses.Items[0]: ResponsePagePath and ResponseCode "
     "go together: give both or neither",
     lambda c: dc(c).__setitem__("CustomErrorResponses", {
         "Quantity": 1, "Items": [{"ErrorCode": 404,
                                   "ResponsePagePath": "/404.html",
                                   "ResponseCode": ""}]}))
case("error_code",
     P + ".CustomErrorResponses.Items[0].ErrorCode: must be one of 400, 403, "
     "404, 405, 414, 416, 500, 501, 502, 503, 504",
     lambda c: dc(c).__setitem__("CustomErrorResponses", {
         "Quantity": 1, "Items": [{"ErrorCode": 302}]}))
case("custom_header_forbidden",
     P + ".Origins.Items[0].CustomHeaders.Items[0].HeaderName: CloudFront "
     "does not allow \"host\" as a custom origin header",
     lambda c: org(c).__setitem__("CustomHeaders", {
         "Quantity": 1, "Items": [{"HeaderName": "host",
                                   "HeaderValue": "x"}]}))
case("origin_both_configs",
     P + ".Origins.Items[0]: needs exactly one of CustomOriginConfig and "
     "S3OriginConfig",
     lambda c: org(c).__setitem__("S3OriginConfig",
                                  {"OriginAccessIdentity": ""}))
case("origin_path",
     P + ".Origins.Items[0].OriginPath: must start with '/' and not end with "
     "'/'",
     lambda c: org(c).__setitem__("OriginPath", "/v1/"))
case("default_root_slash",
     P + ".DefaultRootObject: must not start with '/' (write "
     "\"index.html\")",
     lambda c: dc(c).__setitem__("DefaultRootObject", "/index.html"))
case("missing_origins", P + ".Origins: required field is missing",
     lambda c: dc(c).pop("Origins"))
case("wrong_type", P + ".Enabled: must be true or false, not a string",
     lambda c: dc(c).__setitem__("Enabled", "yes"))
case("listen", "$.Brink.Listen: must be \"address:port\"",
     lambda c: c["Brink"].__setitem__("Listen", "localhost"))
case("listen_host",
     "$.Brink.Listen: 'example.com' is not a numeric IPv4 or [IPv6] address",
     lambda c: c["Brink"].__setitem__("Listen", "example.com:80"))
case("cache_memory",
     "$.Brink.CacheMemory: unknown unit 'XB' (use B, KB, MB, GB or TB)",
     lambda c: c["Brink"].__setitem__("CacheMemory", "12XB"))
case("function_name",
     "$.Brink.Functions[\"bad name\"]: function names are 1-64 letters, "
     "digits, '-' or '_'",
     lambda c: c["Brink"]["Functions"].__setitem__("bad name",
                                                   {"File": "x.js"}))
case("kvs_runtime",
     "$.Brink.Functions.fn.KeyValueStore: needs Runtime cloudfront-js-2.0",
     lambda c: c["Brink"]["Functions"]["fn"].update({
         "Runtime": "cloudfront-js-1.0",
         "KeyValueStore": "../functions/kvs.json"}))
case("inline_policy_ttl",
     "$.Brink.CachePolicies.mine.DefaultTTL: must be at least MinTTL (100)",
     lambda c: c["Brink"].__setitem__("CachePolicies", {"mine": {
         "Name": "mine", "MinTTL": 100, "DefaultTTL": 10,
         "ParametersInCacheKeyAndForwardedToOrigin": {
             "EnableAcceptEncodingGzip": False,
             "HeadersConfig": {"HeaderBehavior": "none"},
             "CookiesConfig": {"CookieBehavior": "none"},
             "QueryStringsConfig": {"QueryStringBehavior": "none"}}}}))
case("inline_policy_ttl0_key",
     "$.Brink.CachePolicies[\"no-cache\"].CachePolicyConfig."
     "ParametersInCacheKeyAndForwardedToOrigin: with MaxTTL 0 (caching "
     "disabled) the cache key must be empty: use an origin request policy "
     "to forward values",
     lambda c: c["Brink"].__setitem__("CachePolicies", {"no-cache": {
         "CachePolicyConfig": {
             "Name": "no-cache", "MinTTL": 0, "DefaultTTL": 0, "MaxTTL": 0,
             "ParametersInCacheKeyAndForwardedToOrigin": {
                 "EnableAcceptEncodingGzip": False,
                 "HeadersConfig": {"HeaderBehavior": "whitelist",
                                   "Headers": {"Quantity": 1,
                                               "Items": ["Host"]}},
                 "CookiesConfig": {"CookieBehavior": "none"},
                 "QueryStringsConfig": {"QueryStringBehavior": "none"}}}}}))
case("inline_policy_id_mismatch",
     "$.Brink.CachePolicies.mine.CachePolicy.Id: does not match the key "
     "\"mine\"",
     lambda c: c["Brink"].__setitem__("CachePolicies", {"mine": {
         "CachePolicy": {"Id": "other", "CachePolicyConfig": {}}}}))
case("inline_policy_managed_name",
     "$.Brink.OriginRequestPolicies.mine.Name: \"AllViewer\" is a managed "
     "policy's name; pick another",
     lambda c: c["Brink"].__setitem__("OriginRequestPolicies", {"mine": {
         "Name": "AllViewer",
         "HeadersConfig": {"HeaderBehavior": "allViewer"},
         "CookiesConfig": {"CookieBehavior": "all"},
         "QueryStringsConfig": {"QueryStringBehavior": "all"}}}))
case("whitelist_empty",
     "$.Brink.OriginRequestPolicies.fwd.HeadersConfig.Headers: whitelist "
     "needs at least one name",
     lambda c: c["Brink"].__setitem__("OriginRequestPolicies", {"fwd": {
         "Name": "fwd",
         "HeadersConfig": {"HeaderBehavior": "whitelist"},
         "CookiesConfig": {"CookieBehavior": "all"},
         "QueryStringsConfig": {"QueryStringBehavior": "all"}}}))
case("brink_twice",
     P + ".Brink: given twice (also at the top)",
     lambda c: dc(c).__setitem__("Brink", {}))


# ---- more rules ---------------------------------------------------------
case("group_id_is_origin",
     P + ".OriginGroups.Items[0].Id: \"web\" is also an origin id",
     lambda c: (group(["web", "web"], [500])(c),
                dc(c)["OriginGroups"]["Items"][0].__setitem__("Id", "web")))
case("group_same_member",
     P + ".OriginGroups.Items[0].Members.Items[1].OriginId: both members "
     "are the same origin", group(["web", "web"], [500]))
case("group_no_codes",
     P + ".OriginGroups.Items[0].FailoverCriteria.StatusCodes: at least one "
     "status code is required", group(["web", "x"], []))
case("group_dup_code",
     P + ".OriginGroups.Items[0].FailoverCriteria.StatusCodes.Items[1]: "
     "duplicate status code", group(["web", "x"], [502, 502]))


def two_origins(c):
    o = copy.deepcopy(org(c))
    o["Id"] = "other"
    dc(c)["Origins"]["Items"].append(o)
    dc(c)["Origins"]["Quantity"] = 2


def dup_groups(c):
    two_origins(c)
    group(["web", "other"], [500])(c)
    g = dc(c)["OriginGroups"]
    g["Items"].append(copy.deepcopy(g["Items"][0]))
    g["Quantity"] = 2


case("group_dup_id",
     P + ".OriginGroups.Items[1].Id: duplicate origin group id \"grp\" "
     "(also Items[0])", dup_groups)
case("error_code_dup",
     P + ".CustomErrorResponses.Items[1].ErrorCode: duplicate error code "
     "404 (also Items[0])",
     lambda c: dc(c).__setitem__("CustomErrorResponses", {
         "Quantity": 2, "Items": [{"ErrorCode": 404}, {"ErrorCode": 404}]}))
case("error_page_path",
     P + ".CustomErrorResponses.Items[0].ResponsePagePath: must start with "
     "'/'",
     lambda c: dc(c).__setitem__("CustomErrorResponses", {
         "Quantity": 1, "Items": [{"ErrorCode": 404,
                                   "ResponsePagePath": "404.html",
                                   "ResponseCode": "404"}]}))
case("error_response_code",
     P + ".CustomErrorResponses.Items[0].ResponseCode: must be 200 or one of "
     "400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504",
     lambda c: dc(c).__setitem__("CustomErrorResponses", {
         "Quantity": 1, "Items": [{"ErrorCode": 404,
                                   "ResponsePagePath": "/404.html",
                                   "ResponseCode": "302"}]}))
case("error_response_code_text",
     P + ".CustomErrorResponses.Items[0].ResponseCode: must be a status code "
     "such as \"200\"",
     lambda c: dc(c).__setitem__("CustomErrorResponses", {
         "Quantity": 1, "Items": [{"ErrorCode": 404,
                                   "ResponsePagePath": "/404.html",
                                   "ResponseCode": "OK"}]}))
case("alias_dup",
     P + ".Aliases.Items[1]: duplicate alias",
     lambda c: dc(c).__setitem__("Aliases", {
         "Quantity": 2, "Items": ["www.example.com", "WWW.example.com"]}))
case("alias_invalid",
     P + ".Aliases.Items[0]: not a host name (a leading \"*.\" is allowed)",
     lambda c: dc(c).__setitem__("Aliases", {
         "Quantity": 1, "Items": ["www.*.example.com"]}))
case("lambda_and_cff",
     P + ".DefaultCacheBehavior.LambdaFunctionAssociations.Items[0]."
     "EventType: viewer-request already has a CloudFront Function; one edge "
     "function per viewer event",
     lambda c: dc(c)["DefaultCacheBehavior"].update({
         "LambdaFunctionAssociations": {"Quantity": 1, "Items": [{
             "LambdaFunctionARN":
                 "arn:aws:lambda:us-east-1:123456789012:function:f:1",
             "EventType": "viewer-request"}]},
         "FunctionAssociations": {"Quantity": 1, "Items": [{
             "FunctionARN": "arn:aws:cloudfront::123456789012:function/fn",
             "EventType": "viewer-request"}]}}))
case("cff_twice",
     P + ".DefaultCacheBehavior.FunctionAssociations.Items[1].EventType: a "
     "second function for viewer-response",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__(
         "FunctionAssociations", {"Quantity": 2, "Items": [
             {"FunctionARN": "fn", "EventType": "viewer-response"},
             {"FunctionARN": "fn", "EventType": "viewer-response"}]}))
case("lambda_twice",
     P + ".DefaultCacheBehavior.LambdaFunctionAssociations.Items[1]."
     "EventType: a second Lambda function for origin-response",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__(
         "LambdaFunctionAssociations", {"Quantity": 2, "Items": [{
             "LambdaFunctionARN":
                 "arn:aws:lambda:us-east-1:123456789012:function:f:1",
             "EventType": "origin-response"}, {
             "LambdaFunctionARN":
                 "arn:aws:lambda:us-east-1:123456789012:function:g:2",
             "EventType": "origin-response"}]}))
case("default_path_pattern",
     P + ".DefaultCacheBehavior.PathPattern: the default behaviour has no "
     "PathPattern (it is always *)",
     lambda c: dc(c)["DefaultCacheBehavior"].__setitem__("PathPattern", "*"))
case("path_pattern_long",
     P + ".CacheBehaviors.Items[0].PathPattern: longer than 255 characters",
     lambda c: beh(c, 0).__setitem__("PathPattern", "/" + "a" * 255))
case("custom_header_ctl",
     P + ".Origins.Items[0].CustomHeaders.Items[0].HeaderValue: control "
     "characters are not allowed",
     lambda c: org(c).__setitem__("CustomHeaders", {
         "Quantity": 1, "Items": [{"HeaderName": "X-A",
                                   "HeaderValue": "a\r\nX-Evil: 1"}]}))
case("custom_header_dup",
     P + ".Origins.Items[0].CustomHeaders.Items[1].HeaderName: duplicate "
     "header (also Items[0])",
     lambda c: org(c).__setitem__("CustomHeaders", {
         "Quantity": 2, "Items": [{"HeaderName": "X-A", "HeaderValue": "1"},
                                  {"HeaderName": "x-a", "HeaderValue": "2"}]}))
case("custom_header_amz",
     P + ".Origins.Items[0].CustomHeaders.Items[0].HeaderName: CloudFront "
     "does not allow \"X-Amz-Date\" as a custom origin header",
     lambda c: org(c).__setitem__("CustomHeaders", {
         "Quantity": 1, "Items": [{"HeaderName": "X-Amz-Date",
                                   "HeaderValue": "1"}]}))
case("custom_header_many",
     P + ".Origins.Items[0].CustomHeaders: at most 10 custom headers per "
     "origin",
     lambda c: org(c).__setitem__("CustomHeaders", {
         "Quantity": 11, "Items": [{"HeaderName": "X-H%d" % i,
                                    "HeaderValue": "v"} for i in range(11)]}))
case("vpc_origin",
     P + ".Origins.Items[0].VpcOriginConfig: VPC origins are not supported "
     "by brink",
     lambda c: org(c).__setitem__("VpcOriginConfig",
                                  {"VpcOriginId": "vo-1"}))
case("domain_name",
     P + ".Origins.Items[0].DomainName: \"origin.example.com:8080\" is not a "
     "host name or IPv4 address",
     lambda c: org(c).__setitem__("DomainName", "origin.example.com:8080"))
case("orp_with_legacy",
     P + ".CacheBehaviors.Items[0].OriginRequestPolicyId: needs a "
     "CachePolicyId (not legacy ForwardedValues)",
     lambda c: (beh(c, 0).pop("CachePolicyId"), beh(c, 0).update({
         "ForwardedValues": {"QueryString": False,
                             "Cookies": {"Forward": "none"}},
         "OriginRequestPolicyId": "AllViewer"})))
case("legacy_cookie_whitelist",
     P + ".CacheBehaviors.Items[0].ForwardedValues.Cookies.WhitelistedNames: "
     "whitelist needs at least one cookie name",
     lambda c: (beh(c, 0).pop("CachePolicyId"), beh(c, 0).update({
         "ForwardedValues": {"QueryString": False,
                             "Cookies": {"Forward": "whitelist"}}})))
case("legacy_header_name",
     P + ".CacheBehaviors.Items[0].ForwardedValues.Headers.Items[0]: not a "
     "valid header name",
     lambda c: (beh(c, 0).pop("CachePolicyId"), beh(c, 0).update({
         "ForwardedValues": {"QueryString": False,
                             "Cookies": {"Forward": "none"},
                             "Headers": {"Quantity": 1,
                                         "Items": ["Bad Header"]}}})))
case("legacy_ttl_with_policy",
     P + ".CacheBehaviors.Items[0]: MinTTL/DefaultTTL/MaxTTL cannot be "
     "combined with CachePolicyId (the policy has the TTLs)",
     lambda c: beh(c, 0).__setitem__("MinTTL", 0))
case("cached_methods_set",
     P + ".CacheBehaviors.Items[0].AllowedMethods.CachedMethods: must be "
     "[GET, HEAD] or [GET, HEAD, OPTIONS]",
     lambda c: beh(c, 0).__setitem__("AllowedMethods", {
         "Quantity": 3, "Items": ["GET", "HEAD", "OPTIONS"],
         "CachedMethods": {"Quantity": 1, "Items": ["GET"]}}))
case("duplicate_method",
     P + ".CacheBehaviors.Items[0].AllowedMethods.Items[1]: duplicate method",
     lambda c: beh(c, 0).__setitem__("AllowedMethods", {
         "Quantity": 2, "Items": ["GET", "GET"]}))
case("ttl_not_integer",
     P + ".CacheBehaviors.Items[1].DefaultTTL: must be an integer, not a "
     "number",
     lambda c: (beh(c, 1).pop("CachePolicyId"), beh(c, 1).update({
         "ForwardedValues": {"QueryString": False,
                             "Cookies": {"Forward": "none"}},
         "DefaultTTL": 1.5})))
case("viewer_policy_missing",
     P + ".CacheBehaviors.Items[2].ViewerProtocolPolicy: required field is "
     "missing",
     lambda c: beh(c, 2).pop("ViewerProtocolPolicy"))
case("pop_empty", "$.Brink.Pop: must not be empty",
     lambda c: c["Brink"].__setitem__("Pop", ""))
case("workers_range", "$.Brink.Workers: 5000 is out of range (0-1024)",
     lambda c: c["Brink"].__setitem__("Workers", 5000))
case("listen_port_text", "$.Brink.Listen: port must be 1-65535",
     lambda c: c["Brink"].__setitem__("Listen", "127.0.0.1:http"))
case("function_runtime",
     "$.Brink.Functions.fn.Runtime: must be one of: cloudfront-js-1.0, "
     "cloudfront-js-2.0",
     lambda c: c["Brink"]["Functions"]["fn"].__setitem__("Runtime",
                                                         "nodejs20.x"))
case("policy_id_chars",
     "$.Brink.CachePolicies[\"my policy\"]: policy ids are 1-128 letters, "
     "digits, '-', '_' or '.'",
     lambda c: c["Brink"].__setitem__("CachePolicies", {"my policy": {}}))


def two_policies(c):
    pol = {"Name": "same", "MinTTL": 0,
           "ParametersInCacheKeyAndForwardedToOrigin": {
               "EnableAcceptEncodingGzip": False,
               "HeadersConfig": {"HeaderBehavior": "none"},
               "CookiesConfig": {"CookieBehavior": "none"},
               "QueryStringsConfig": {"QueryStringBehavior": "none"}}}
    c["Brink"]["CachePolicies"] = {"p1": pol, "p2": copy.deepcopy(pol)}


case("policy_dup_name",
     "$.Brink.CachePolicies.p2: Name \"same\" is also used by policy \"p1\"",
     two_policies)
case("policy_header_none_names",
     "$.Brink.CachePolicies.p.ParametersInCacheKeyAndForwardedToOrigin."
     "HeadersConfig.Headers: names are not allowed with none",
     lambda c: c["Brink"].__setitem__("CachePolicies", {"p": {
         "Name": "p", "MinTTL": 0,
         "ParametersInCacheKeyAndForwardedToOrigin": {
             "EnableAcceptEncodingGzip": False,
             "HeadersConfig": {"HeaderBehavior": "none",
                               "Headers": {"Quantity": 1, "Items": ["A"]}},
             "CookiesConfig": {"CookieBehavior": "none"},
             "QueryStringsConfig": {"QueryStringBehavior": "none"}}}}))
case("policy_all_headers",
     "$.Brink.CachePolicies.p.ParametersInCacheKeyAndForwardedToOrigin."
     "HeadersConfig.HeaderBehavior: must be one of: none, whitelist",
     lambda c: c["Brink"].__setitem__("CachePolicies", {"p": {
         "Name": "p", "MinTTL": 0,
         "ParametersInCacheKeyAndForwardedToOrigin": {
             "EnableAcceptEncodingGzip": False,
             "HeadersConfig": {"HeaderBehavior": "allViewer"},
             "CookiesConfig": {"CookieBehavior": "none"},
             "QueryStringsConfig": {"QueryStringBehavior": "none"}}}}))
case("policy_missing_params",
     "$.Brink.CachePolicies.p.ParametersInCacheKeyAndForwardedToOrigin: "
     "required field is missing",
     lambda c: c["Brink"].__setitem__("CachePolicies", {"p": {
         "Name": "p", "MinTTL": 0}}))
case("policy_managed_id",
     "$.Brink.CachePolicies[\"658327ea-f89d-4fab-a63d-7e88639e58f6\"]: id "
     "\"658327ea-f89d-4fab-a63d-7e88639e58f6\" is a managed policy's; pick "
     "another",
     lambda c: c["Brink"].__setitem__("CachePolicies", {
         "658327ea-f89d-4fab-a63d-7e88639e58f6": {
             "Name": "mine", "MinTTL": 0,
             "ParametersInCacheKeyAndForwardedToOrigin": {
                 "EnableAcceptEncodingGzip": False,
                 "HeadersConfig": {"HeaderBehavior": "none"},
                 "CookiesConfig": {"CookieBehavior": "none"},
                 "QueryStringsConfig": {"QueryStringBehavior": "none"}}}}))
case("wrapper_not_object", "$.DistributionConfig: must be an object, not a "
     "string", raw='{"ETag": "E1", "DistributionConfig": "x"}\n')

case("orp_authorization",
     "$.Brink.OriginRequestPolicies.fwd.HeadersConfig.Headers.Items[1]: an "
     "origin request policy cannot forward Authorization alone: put it in "
     "the cache policy, or use allViewer",
     lambda c: c["Brink"].__setitem__("OriginRequestPolicies", {"fwd": {
         "Name": "fwd",
         "HeadersConfig": {"HeaderBehavior": "whitelist",
                           "Headers": {"Quantity": 2,
                                       "Items": ["X-A", "authorization"]}},
         "CookiesConfig": {"CookieBehavior": "none"},
         "QueryStringsConfig": {"QueryStringBehavior": "none"}}}))

os.makedirs(D, exist_ok=True)
for name, msg, mutate, raw in cases:
    path = os.path.join(D, name + ".json")
    if raw is None:
        c = base()
        mutate(c)
        raw = json.dumps(c, indent=2) + "\n"
    with open(path, "w") as f:
        f.write(raw)
    if msg is not None:
        with open(os.path.join(D, name + ".err"), "w") as f:
            sep = "" if msg.startswith(":") else ": "
            f.write(path + sep + msg + "\n")
print(len(cases), "cases")
