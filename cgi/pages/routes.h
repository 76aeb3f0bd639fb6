// Every page the site answers (the table is routes.cc) and how a matched
// request reaches its handler.
#pragma once
#include <vector>

#include "http/router.h"

struct Context;

const std::vector<Route>& routes();

// Answers the request in `ctx` (matched to `match` at the edge): checks method,
// edition (resolved once into ctx.edition), login, role and CSRF token (303 to
// the login form, 403, 404, 405), then runs the handler.
void dispatch(Context& ctx, const RouteMatch& match);
