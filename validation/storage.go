package validation

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The rules of the New Domain dialog that the UI and the BFF both apply.
// The UI runs them as you type, the BFF on every request; neither keeps a
// copy.

// StorageDomainNameMax is the longest storage domain name (the engine's
// StorageDomainNameSizeLimit, default 50).
const StorageDomainNameMax = 50

// MsgStorageDomainName is the New Domain dialog's Name message
// (StorageModel: ^[A-Za-z0-9_-]{1,50}$).
const MsgStorageDomainName = "Name can contain only 'A-Z', 'a-z', '0-9', '_' or '-' characters, max length: 50"

// MsgStorageDomainNameUsed is the dialog's message for a name another
// domain has (CodeNameInUse).
const MsgStorageDomainNameUsed = "Name is already used in the environment, create new unique name."

// StorageDomainName checks a storage domain name as oVirt's New Domain
// dialog does: 1–50 ASCII letters, digits, '_' and '-'.
func StorageDomainName(s string) error {
	return name(s, StorageDomainNameMax, MsgStorageDomainName, MsgStorageDomainName, false)
}

// NFSManagedMountOptions are the NFS mount options the engine sets itself
// (ConnectStorageToVdsCommand.NFS_MANAGED_OPTIONS); the custom mount
// options may not repeat them.
var NFSManagedMountOptions = []string{"timeo", "retrans", "vfs_type", "protocol_version", "nfsvers", "vers", "minorversion", "addr", "clientaddr"}

// MsgNonUTF is oVirt's NonUtfValidation message.
const MsgNonUTF = "UTF characters are not allowed."

// MsgManagedMountOptions starts the engine's
// VALIDATION_STORAGE_CONNECTION_MOUNT_OPTIONS_CONTAINS_MANAGED_PROPERTY;
// the options found follow.
const MsgManagedMountOptions = "Custom mount options contain the following duplicate managed options: "

// NFSMountOptions checks the Additional mount options of an NFS domain as
// oVirt does: the dialog refuses non-ASCII text (NonUtfValidation), the
// engine reads "key[=value],…" as StringMapUtils.string2Map does (braces
// and spaces around keys dropped, a pair with two '=' ignored) and refuses
// any key that is, ignoring case, one of NFSManagedMountOptions. So
// "rsize=1, wsize=2" is taken and "Timeo=5" refused.
func NFSMountOptions(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return fail(CodeSyntax, MsgNonUTF, "")
		}
	}
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "{")
	s = strings.TrimSuffix(s, "}")
	var found []string
	for pair := range strings.SplitSeq(s, ",") {
		if strings.Count(pair, "=") > 1 {
			continue
		}
		key, _, _ := strings.Cut(pair, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if slices.Contains(NFSManagedMountOptions, key) && !slices.Contains(found, key) {
			found = append(found, key)
		}
	}
	if len(found) > 0 {
		return fail(CodeManagedOption, MsgManagedMountOptions+strings.Join(found, ", ")+".",
			"The engine sets these itself: use the NFS Version, Retransmissions and Timeout fields.")
	}
	return nil
}

// IntRange is an integer field's range, checked with oVirt's
// IntegerValidation messages. Unbounded ranges have no maximum.
type IntRange struct {
	Min, Max  int
	Unbounded bool
}

// The integer ranges both sides check.
var (
	PortRange                 = IntRange{Min: 1, Max: 65535}
	WarningLowSpaceRange      = IntRange{Min: 0, Max: 100}        // %
	CriticalSpaceBlockerRange = IntRange{Min: 0, Unbounded: true} // GB
	NFSRetransRange           = IntRange{Min: 0, Max: 32767}      // NfsStorageModel.RETRANS_MAX
	NFSTimeoutRange           = IntRange{Min: 1, Max: 6000}       // deciseconds, NfsStorageModel.TIMEOUT_MAX
	ConnectivityTimeoutRange  = IntRange{Min: 1, Max: 600}        // seconds, Setup Host Networks
)

// Message is the field message of a value out of r (oVirt's
// integerValidationNumberBetweenInvalidReason or …GreaterInvalidReason).
func (r IntRange) Message() string {
	if r.Unbounded {
		return "This field must contain an integer number greater than or equal to " + strconv.Itoa(r.Min) + "."
	}
	return "This field must contain an integer number between " + strconv.Itoa(r.Min) + " and " + strconv.Itoa(r.Max) + "."
}

// Check refuses n outside r.
func (r IntRange) Check(n int) error {
	if n < r.Min || !r.Unbounded && n > r.Max {
		return fail(CodeRange, r.Message(), "")
	}
	return nil
}

// CheckText checks a typed value: an integer (spaces around it ignored)
// within r. Text that is no integer gets the range's message too, as in
// oVirt.
func (r IntRange) CheckText(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fail(CodeRange, r.Message(), "")
	}
	return r.Check(n)
}

// MaxLength refuses text of more than n characters, with oVirt's
// LengthValidation message. Every text field with a limit uses it: the UI
// as you type, the BFF through its "maxlen=n" tag.
func MaxLength(s string, n int) error {
	if utf8.RuneCountInString(s) > n {
		return fail(CodeTooLong, "Field content must not exceed "+strconv.Itoa(n)+" characters.", "")
	}
	return nil
}

// FenceAgentPasswordMax is the longest fence agent password
// (FenceAgentModel: LengthValidation(50)).
const FenceAgentPasswordMax = 50

// MsgFenceAgentType is webadmin's message for an agent type the engine
// does not support.
const MsgFenceAgentType = "Selected Power Management Agent is not supported."

// FenceAgentType checks a fence agent type against the types the engine
// supports (the caller passes engine/ovirt's FenceAgentTypes: this package
// imports nothing of v6admin).
func FenceAgentType(s string, supported []string) error {
	if slices.Contains(supported, s) {
		return nil
	}
	return fail(CodeNotSupported, MsgFenceAgentType, "Supported types: "+strings.Join(supported, ", ")+".")
}
