import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiError } from './responses';

/** The signed-in user, from the Cognito authorizer's claims. */
export function caller(event: APIGatewayProxyEvent): string {
  const claims = event.requestContext.authorizer?.claims ?? {};
  const who = claims.email ?? claims['cognito:username'] ?? claims.sub;
  if (!who) throw new ApiError(401, 'unauthenticated', 'the request carries no signed-in user');
  return String(who);
}

/** The signed-in user's user pool `sub`, which never changes (an email may): whose exports these are. */
export function owner(event: APIGatewayProxyEvent): string {
  const sub = event.requestContext.authorizer?.claims?.sub;
  if (!sub) throw new ApiError(401, 'unauthenticated', 'the request carries no signed-in user');
  return String(sub);
}
