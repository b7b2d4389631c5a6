import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DefinitionConflictError } from '../workspace-data/documents/bot-definitions';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../workspace-data/workflow-store';
import { ApiError, errorBody, json } from './responses';
import { ROUTES } from './routes';
import type { RouteContext } from './route-context';

/** What the handler needs from its environment. */
export interface ApiHandlerDependencies extends RouteContext {
  /** The origin the workspace UI runs on (CORS), or '*'. */
  readonly allowedOrigin: string;
  readonly log: (entry: Record<string, unknown>) => void;
}

/** Builds the API Gateway proxy handler; every error becomes a JSON error response, never a stack trace. */
export function createApiHandler(dependencies: ApiHandlerDependencies) {
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const route = ROUTES[`${event.httpMethod} ${event.resource}`];
    try {
      if (!route) throw new ApiError(404, 'not_found', `no route for ${event.httpMethod} ${event.resource}`);
      const result = await route(event, dependencies);
      return json(result.status, result.body, dependencies.allowedOrigin);
    } catch (error) {
      const known = asApiError(error);
      if (known.status >= 500) {
        dependencies.log({ level: 'error', message: 'request failed', route: `${event.httpMethod} ${event.resource}`, error: String(error) });
      }
      return json(known.status, errorBody(known), dependencies.allowedOrigin);
    }
  };
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof NotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof AlreadyExistsError || error instanceof ConflictError || error instanceof DefinitionConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof RangeError) return new ApiError(400, 'invalid_cursor', error.message, 'next');
  return new ApiError(500, 'internal', 'the request could not be completed; try again');
}
