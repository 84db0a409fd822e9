package ir

// Names of the declarations the emitters and support templates write
// whatever the spec says. The lowering stage reserves them before it names
// anything from the spec, so a schema called "Client" becomes "Client2"
// instead of clashing.
const (
	NameClient          = "Client"
	NameNewClient       = "NewClient"
	NameOption          = "Option"
	NameDoer            = "Doer"
	NameRequestEditor   = "RequestEditor"
	NameUnexpected      = "UnexpectedStatusError"
	NameServer          = "Server"
	NameNewHandler      = "NewHandler"
	NameHandlerOption   = "HandlerOption"
	NameRequestError    = "RequestError"
	NameDecimal         = "Decimal"
	NameDecimalString   = "DecimalString"
	NameWithHTTPClient  = "WithHTTPClient"
	NameWithUserAgent   = "WithUserAgent"
	NameWithEditor      = "WithRequestEditor"
	NameWithErrorWriter = "WithErrorHandler"
	NameWithMaxBody     = "WithMaxBodyBytes"
	NameErrNoCredential = "ErrNoCredentials"
	NameRetryPolicy     = "RetryPolicy"
	NameWithRetry       = "WithRetryPolicy"
	NameTokenSource     = "TokenSource"
	NameTokenSourceFunc = "TokenSourceFunc"
	NameSecurityHandler = "SecurityHandler"
	NameErrForbidden    = "ErrForbidden"
	NameHTTPError       = "HTTPError"
	NameWithErrorMapper = "WithErrorMapper"
	NameWithErrorDetail = "WithErrorDetail"
	NameWithLogger      = "WithLogger"
	NameWithMiddleware  = "WithMiddleware"
	NameNullable        = "Nullable"
	NameNullableOf      = "NullableOf"
	NameNullOf          = "NullOf"
	NameWithMaxResponse = "WithMaxResponseBytes"
	NameDefaultMaxResp  = "DefaultMaxResponseBytes"
	NameErrTooLarge     = "ErrResponseTooLarge"
	NameRedirectError   = "RedirectError"
	NameRequestOption   = "RequestOption"
	NameWithHeader      = "WithHeader"
	NameWithCallRetry   = "WithRetry"
	NameWithoutRetry    = "WithoutRetry"
	NameWithTimeout     = "WithTimeout"
	NameWithIdemKey     = "WithIdempotencyKey"
	NameWithResponse    = "WithResponse"
	NameResponseInfo    = "ResponseInfo"
	NameUnimplemented   = "UnimplementedServer"
	NameEventStream     = "EventStream"
	NameNewEventStream  = "NewEventStream"
	NameEventWriter     = "EventWriter"
	NameServerEvent     = "ServerEvent"
	NameFilePart        = "FilePart"
	NameUnknownMembers  = "UnknownMembers"
	NameOperationInfo   = "OperationInfo"
	NameOperationFrom   = "OperationFrom"
	NameAttemptFrom     = "AttemptFrom"
	NameWithOpMW        = "WithOperationMiddleware"
)

// Reserved lists every name above.
var Reserved = []string{
	NameClient, NameNewClient, NameOption, NameDoer, NameRequestEditor,
	NameUnexpected, NameServer, NameNewHandler, NameHandlerOption,
	NameRequestError, NameDecimal, NameDecimalString, NameWithHTTPClient,
	NameWithUserAgent, NameWithEditor, NameWithErrorWriter, NameWithMaxBody,
	NameErrNoCredential, NameRetryPolicy, NameWithRetry, NameTokenSource,
	NameTokenSourceFunc, NameSecurityHandler, NameErrForbidden, NameHTTPError,
	NameWithErrorMapper, NameWithErrorDetail, NameWithLogger, NameWithMiddleware,
	NameNullable, NameNullableOf, NameNullOf, NameWithMaxResponse,
	NameDefaultMaxResp, NameErrTooLarge, NameRedirectError, NameRequestOption,
	NameWithHeader, NameWithCallRetry, NameWithoutRetry, NameWithTimeout,
	NameWithIdemKey, NameWithResponse, NameResponseInfo, NameUnimplemented,
	NameEventStream, NameNewEventStream, NameEventWriter, NameServerEvent,
	NameFilePart, NameUnknownMembers, NameOperationInfo, NameOperationFrom,
	NameAttemptFrom, NameWithOpMW,
}

// Support file names, as listed in API.Support.
const (
	SupportDecimal  = "decimal"
	SupportUnion    = "union"
	SupportNullable = "nullable"
	SupportFile     = "file"
)
