/*
 * libx12 - ASC X12 HIPAA 5010 EDI.  Include this one header for everything.
 */
#ifndef X12_X12_H
#define X12_X12_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>
#include <x12/envelope.h>
#include <x12/range.h>
#include <x12/writer.h>
#include <x12/claim837.h>
#include <x12/claimread.h>
#include <x12/ack.h> /* with validate.h and spec.h */
#include <x12/remit835.h>
#include <x12/tables.h>
#include <x12/xml.h>
#include <x12/eligibility.h>
#include <x12/claimstatus.h>
#include <x12/recon.h>

#endif /* X12_X12_H */
