<?php
/*
 * The PHP binding through real calls: results decode, every reachable status becomes its
 * exception with the code, name and field of the library's error document.
 * Run: RECLAIM_LIBRARY=…/libreclaim.so php php_binding_test.php SDK_PHP_DIR HEADER
 */
declare(strict_types=1);

require $argv[1] . '/Reclaim.php';

use Reclaim\Engine;

$passed = 0;
$failed = 0;

function check(bool $ok, string $what): void
{
    global $passed, $failed;
    if ($ok) {
        ++$passed;
    } else {
        ++$failed;
        fwrite(STDERR, "FAILED: $what\n");
    }
}

/** Runs $fn, expecting the exception $class with status $status and field $field. */
function expectError(string $what, string $class, int $status, string $name, ?string $field,
                     callable $fn): void
{
    try {
        $fn();
        check(false, "$what: no exception");
    } catch (Reclaim\ReclaimException $e) {
        check($e instanceof $class, "$what: " . get_class($e) . " is not $class");
        check($e->getCode() === $status, "$what: code {$e->getCode()} != $status");
        check($e->errorCode === $name, "$what: name {$e->errorCode} != $name");
        check($e->field === $field, "$what: field " . var_export($e->field, true) . ' != '
            . var_export($field, true));
        check($e->getMessage() !== '' && $e->getMessage() !== $name, "$what: a real message");
        check(($e->document['error']['code'] ?? null) === $name, "$what: the error document");
    }
}

check(preg_match('/^\d+\.\d+\.\d+$/', Reclaim\Library::version()) === 1, 'version');

// The binding declares every function of the header (and no other).
preg_match_all('/\b(reclaim_[a-z_]+)\(/', file_get_contents($argv[2]), $declared);
preg_match_all('/\b(reclaim_[a-z_]+)\(/', (new ReflectionClassConstant(Reclaim\Library::class,
    'DECLARATIONS'))->getValue(), $bound);
$declared = array_values(array_unique($declared[1]));
$bound = array_values(array_unique($bound[1]));
sort($declared);
sort($bound);
check($declared === $bound, 'the binding declares the header\'s functions: '
    . implode(' ', array_diff($declared, $bound)) . ' | ' . implode(' ', array_diff($bound, $declared)));

expectError('open with a bad config', Reclaim\InvalidArgumentException::class, 1,
    'invalid_argument', 'database', fn () => Engine::open(['database' => 42]));
expectError('open in a missing directory', Reclaim\StorageException::class, 5, 'storage',
    'database',
    fn () => Engine::open(['database' => 'sqlite:/nonexistent/dir/x.db']));
expectError('open an unreachable PostgreSQL', Reclaim\StorageException::class, 5, 'storage',
    'database', fn () => Engine::open(['database' => 'postgresql://127.0.0.1:1/reclaim']));

$engine = Engine::open(['database' => 'sqlite::memory:', 'clock' => 'manual']);
check($engine->info['abi'] === 1 && $engine->info['shops'] === ['default'], 'open result');

$order = [
    'id' => 1001, 'currency' => 'PLN', 'customer' => ['email' => 'jan@example.pl'],
    'lines' => [['id' => '1', 'name' => 'Czajnik', 'qty' => 2, 'unit_price' => '199.99']],
    'extra' => (object)[],
];
$imported = $engine->importOrder('reclaim', $order);
check($imported['created'] === true && $imported['order']['id'] === '1001', 'import');
check($engine->getOrder('1001')['lines'][0]['name'] === 'Czajnik', 'get order');
expectError('import with an unknown field', Reclaim\InvalidArgumentException::class, 1,
    'invalid_argument', 'lines[0].colour', fn () => $engine->importOrder('reclaim',
        ['id' => '2', 'currency' => 'PLN', 'lines' => [['id' => '1', 'name' => 'X', 'qty' => 1,
            'unit_price' => '1.00', 'colour' => 'red']]]));
expectError('import with an unknown adapter', Reclaim\UnsupportedException::class, 7,
    'unsupported', 'adapter', fn () => $engine->importOrder('no-such-host', $order));
expectError('get a missing order', Reclaim\NotFoundException::class, 2, 'not_found', null,
    fn () => $engine->getOrder('999'));

$request = [
    'kind' => 'complaint', 'actor' => ['role' => 'customer'], 'order_id' => '1001',
    'customer' => ['email' => 'jan@example.pl'],
    'items' => [['line' => '1', 'qty' => 2, 'reason' => 'defect']],
];
$case = $engine->openCase($request);
check($case['state'] === 'received' && $case['version'] === 1, 'open case');
check(str_starts_with($case['number'], 'RC-'), 'case number');
expectError('claim more than bought', Reclaim\NotAllowedException::class, 4, 'not_allowed',
    'items[0].qty', fn () => $engine->openCase($request));
expectError('case of another e-mail', Reclaim\NotAllowedException::class, 4, 'not_allowed',
    'customer.email', fn () => $engine->openCase(array_merge($request,
        ['customer' => ['email' => 'eve@example.com']])));

$moved = $engine->act($case['id'], ['action' => 'review', 'actor' => ['role' => 'agent',
    'id' => 'anna'], 'expected_version' => 1]);
check($moved['state'] === 'in_review' && $moved['version'] === 2, 'act');
expectError('stale expected_version', Reclaim\ConflictException::class, 3, 'conflict',
    'expected_version', fn () => $engine->act($case['id'], ['action' => 'close',
        'actor' => ['role' => 'agent'], 'expected_version' => 1]));
expectError('wrong state', Reclaim\NotAllowedException::class, 4, 'not_allowed', 'action',
    fn () => $engine->act($case['number'], ['action' => 'fulfil', 'actor' => ['role' => 'host'],
        'reference' => 'R-1']));
expectError('missing case', Reclaim\NotFoundException::class, 2, 'not_found', null,
    fn () => $engine->getCase('c_missing'));
// A document of the case: the receipt as a PDF; the letter waits for the decision.
$receipt = $engine->document($case['number'], 'complaint_receipt', 'ru');
check($receipt['content_type'] === 'application/pdf'
    && str_starts_with(base64_decode($receipt['data_base64']), '%PDF-')
    && $receipt['filename'] === $case['number'] . '-complaint_receipt-ru.pdf', 'document');
expectError('a letter before the decision', Reclaim\NotAllowedException::class, 4, 'not_allowed',
    'type', fn () => $engine->document($case['number'], 'decision_letter'));
expectError('a string that is not JSON', Reclaim\InvalidArgumentException::class, 1,
    'invalid_argument', null, fn () => $engine->openCase('{"kind":'));

check(count($engine->listCases()['cases']) === 1, 'list');
$events = $engine->readEvents(['after' => 0, 'limit' => 1]);
check(count($events['events']) === 1 && $events['events'][0]['type'] === 'case.opened', 'events');
$rest = $engine->readEvents(['after' => $events['next']]);
check(count($rest['events']) === 1 && $rest['events'][0]['type'] === 'case.state_changed',
    'events after the cursor');

$engine->setClock(1800000000000);
$second = $engine->openCase(array_merge($request, ['order_id' => null, 'actor' => ['role' => 'agent'],
    'items' => [['sku' => 'X-1', 'name' => 'Toaster', 'qty' => 1, 'unit_price' => '99.00',
        'currency' => 'PLN', 'reason' => 'defect']]]));
check(str_starts_with($second['created_at'], '2027-01-15T'), 'manual clock');
$engine->close();
$engine->close();
try {
    $engine->getCase($case['id']);
    check(false, 'a closed engine refuses calls');
} catch (LogicException $e) {
    check(true, 'a closed engine refuses calls');
}

$system = Engine::open('{"database":"sqlite::memory:"}');
try {
    $system->setClock(0);
    check(false, 'clock_set on a system clock');
} catch (Reclaim\NotAllowedException $e) {
    check($e->getCode() === 4 && $e->errorCode === 'not_allowed' && $e->field === null,
        'clock_set on a system clock: status without a document');
}

echo "$passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
