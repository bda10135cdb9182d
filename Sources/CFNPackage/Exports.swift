// The AWS access layer (credentials, SigV4, the libcurl transport) lives in CFNAWS; users of the
// packager see its types (AWSCredentials in S3Settings) without importing it themselves.
@_exported import CFNAWS
