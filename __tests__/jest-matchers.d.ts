// Brings cdktf's Jest matcher types (toHaveResourceWithProperties, ...) into every test file.
import 'cdktf/lib/testing/adapters/jest';
