#include "views/i18n.hpp"

#include <cstdlib>
#include <cstring>

#include "platform/places.hpp"
#include "views/strings.hpp"
#include "views/strings_classroom.hpp"
#include "views/strings_many.hpp"
#include "views/strings_projector.hpp"
#include "views/strings_watch.hpp"

namespace iolab::views {
namespace {

// Each switchable string and its Korean text, in the lecture's terms: 동기/비동기 (sync/async),
// 블로킹/논블로킹, 바로 완료 (completed immediately), 펜딩 (pending), 시그널 상태 (signaled),
// 결과 확인 (result fetched), 콜백 (completion routine), 에러, 전이 (transition), 재생 (a
// lesson's Play) but 다시 보기 (a trace's replay), 스캐터-개더, 오버랩드. One speech level:
// 합쇼체 (-ㅂ니다) for sentences, nouns for labels. Format strings keep their conversions in
// the same order (format_mismatches checks it).
struct Entry {
  const char** slot;
  const char* ko;
  const char* en = nullptr;  // filled on first use: the English text from the header
};

Entry table[] = {
    // Real peers (--serve / --connect).
    {&text::kExternalClient, "외부 피어: 바깥의 클라이언트 프로그램이 이 쪽을 맡습니다"},
    {&text::kExternalServer, "외부 피어: 바깥의 서버 프로그램이 이 쪽을 맡습니다"},
    {&text::kServeWaiting,
     "%s에서 클라이언트의 접속을 기다립니다. 예를 들어 nc %s 또는 직접 만든 클라이언트로 "
     "접속하십시오."},
    {&text::kPeerClosed,
     "바깥 프로그램이 연결을 닫았습니다 (실습 초기화는 다음 접속을 기다립니다)."},
    {&text::kStatusServingConnected, "%s에서 대기, 클라이언트 %s 접속함"},
    {&text::kStatusServingClosed, "%s에서 대기, 클라이언트 %s 연결 닫음"},
    {&text::kStatusServingWaiting, "%s에서 대기, 클라이언트 없음"},
    {&text::kStatusConnected, "서버 %s에 접속함"},
    // The projector layouts, the caption panel, the clicker (strings_projector.hpp).
    {&text::kMenuLayout, "레이아웃"},
    {&text::kLayoutProjector, "프로젝터: 타임라인과 코드를 크게"},
    {&text::kLayoutDesk, "책상: 모든 패널"},
    {&text::kLayoutMatrix, "2x2 표"},
    {&text::kMenuResetLayout, "레이아웃 되돌리기"},
    {&text::kMenuBlank, "프로젝터 화면 가리기"},
    {&text::kCaption, "설명"},
    {&text::kClickerHint,
     "Page Down: 다음 단계 (서버의 WSARecv, 그 다음 클라이언트의 WSASend). Page Up: 한 단계 "
     "뒤로. B: 화면 가리기."},
    {&text::kClickerPostedRecv, "%d단계: 서버가 WSARecv를 걸었습니다."},
    {&text::kClickerPostedSend, "%d단계: 클라이언트가 WSASend를 걸었습니다."},
    {&text::kClickerBack,
     "%d단계로 돌아갔습니다. 화면만 돌아갔습니다: 소켓에서 이미 끝난 I/O는 그대로입니다."},
    {&text::kClickerStart,
     "처음으로 돌아갔습니다. 화면만 돌아갔습니다: 소켓에서 이미 끝난 I/O는 그대로입니다."},
    {&text::kMenuLiveLab, "실시간 실습으로 (다시 보기 끝내기)"},
    // Many clients: Lab > Clients N, iolab --clients N (strings_many.hpp).
    {&text::kMenuLab, "실습"},
    {&text::kMenuClients, "클라이언트 수"},
    {&text::kClientsHelp,
     "1이면 강의의 실습입니다(클라이언트 하나, 서버 하나). 2부터 500까지는 세션마다 WSARecv를 "
     "하나씩 걸어 두는 다중 클라이언트 서버가 실습의 클라이언트 그 수만큼을 받습니다(--serve와 "
     "함께면 바깥 클라이언트). 입력 키로 적용합니다."},
    {&text::kClientsStarted, "클라이언트 수: %s"},
    {&text::kClientsFailed, "클라이언트를 받을 수 없습니다: %s"},
    {&text::kClientsRefused,
     "클라이언트 수 %s: 실시간 실습에서만 됩니다(다시 보기나 지켜보기 중에는 안 됩니다)"},
    {&text::kLessonStopsClients,
     "클라이언트 %s개를 멈췄습니다: 수업은 강의의 실습(클라이언트 하나, 서버 하나)에서 재생합니다"},
    {&text::kLessonsOffOutside,
     "바깥 클라이언트를 받는 동안에는 재생하지 않습니다: 그 연결이 끊기기 때문입니다. 먼저 실습 > "
     "클라이언트 수 1을 고르십시오."},
    {&text::kStatusManyServingOne, "%s에서 서비스 중, 클라이언트 %s 접속함"},
    {&text::kStatusManyServing, "%s에서 서비스 중, 클라이언트 %d개 접속함"},
    {&text::kManyHeading, "클라이언트 %d개"},
    {&text::kManyEvent,
     "이벤트 모델: WSAWaitForMultipleEvents, 대기 스레드마다 이벤트 63개 + 깨우기 이벤트"},
    {&text::kManyIocp, "IOCP: 완료 포트 하나, GetQueuedCompletionStatus의 작업 스레드 둘"},
    {&text::kSendFromAll, "모두 보내기"},
    {&text::kHelpSendFromAll,
     "실습의 클라이언트마다 100바이트 메시지를 하나씩 보냅니다(S도 같습니다). 세션마다 WSARecv가 "
     "완료되고(이벤트 모델: 그 이벤트가 시그널됩니다, IOCP: 작업 스레드가 완료 패킷을 꺼냅니다), "
     "서버가 바이트를 받고 다시 겁니다."},
    {&text::kEverySecond, "1초마다"},
    {&text::kManyOutside, "바깥 클라이언트: %d개 연결 (%d개 중)"},
    {&text::kManyConnecting, "실습의 클라이언트: %d개 연결 (%d개 중)"},
    {&text::kManyThreads, "대기 스레드: %d개"},
    {&text::kManyWorkers, "작업 스레드: %d개"},
    {&text::kManyWakeups, "깨어남: %llu번"},
    {&text::kManyMessages, "메시지: %llu개"},
    {&text::kManySpanEvent, "도착 -> 결과 확인 (WSAGetOverlappedResult):"},
    {&text::kManySpanIocp, "도착 -> 꺼냄 (GetQueuedCompletionStatus):"},
    {&text::kManyLatency, "p50 %.0f µs, p99 %.0f µs"},
    {&text::kManyNoLatency, "시각이 찍힌 메시지가 아직 없습니다"},
    {&text::kManyCpu, "메시지당 CPU: %.1f µs"},
    {&text::kHelpManyCost,
     "이벤트 모델: 대기 스레드는 N / 63을 올림한 수이고, 각자 WSAWaitForMultipleEvents로 핸들 "
     "최대 64개(WSA_MAXIMUM_WAIT_EVENTS)를 기다립니다. IOCP: N과 상관없이 "
     "GetQueuedCompletionStatus의 작업 스레드 둘입니다. 깨어남은 돌아온 대기의 수입니다. "
     "p50/p99는 클라이언트가 보낸 때부터 서버가 바이트를 받은 때까지이며, 지금까지의 모든 "
     "메시지에 대한 값입니다. 이벤트 모델에서는 대기 뒤의 WSAGetOverlappedResult까지이고, 바이트가 "
     "이미 와 있었으면 WSARecv 자체까지입니다. IOCP에서는 작업 스레드의 "
     "GetQueuedCompletionStatus가 "
     "완료 패킷을 꺼낸 때까지입니다. CPU는 서버 스레드들이 메시지 하나에 쓴 CPU 시간입니다."},
    {&text::kLaneThreadEvents, "스레드 %u: 이벤트 %d개"},
    {&text::kWokeByIndex, "이벤트 인덱스 %d이(가) 깨웠습니다 (이벤트 %d개 중)"},
    {&text::kLogEventIndex, "  이벤트 인덱스 %d"},
    {&text::kLogEventIndexOf, "  이벤트 인덱스 %d (이벤트 %d개 중)"},
    // iolab --watch, File > Watch a program (strings_watch.hpp).
    {&text::kMenuWatch, "프로그램 지켜보기..."},
    {&text::kWatchPort, "포트"},
    {&text::kWatchStart, "지켜보기"},
    {&text::kWatchHelp,
     "프로그램을 \"probe/iolab_probe.h\"와 함께 빌드하고 \"IOLAB_PROBE=127.0.0.1:PORT\"로 "
     "실행합니다 "
     "(없으면 7001). 프로그램마다 자기 세션으로 나타납니다."},
    {&text::kWatchControls,
     "다른 프로그램을 지켜보는 중에는 실습 조작이 동작하지 않습니다. 그 프로그램의 호출은 "
     "타임라인, 로그, 인스펙터에 나타납니다."},
    {&text::kLessonsOffWatching,
     "프로그램을 지켜보는 동안에는 재생하지 않습니다: 실습이 꺼져 있습니다. 수업을 보려면 --watch "
     "없이 iolab을 다시 시작하십시오."},
    {&text::kWatchStarted, "%s에서 프로그램을 기다립니다"},
    {&text::kWatchFailed, "지켜볼 수 없습니다: %s"},
    {&text::kStatusWatch, "%s에서 지켜보는 중: 연결 %u개, 지금까지 %u개"},
    {&text::kStatusWatchShort, "%s: %u/%u"},
    {&text::kWatchSocket, "소켓"},
    {&text::kWatchThread, "스레드"},
    {&text::kPitfallLog, "함정 %s: %s"},
    {&text::kLiveLabStarted, "실시간 실습, 포트 %s"},
    {&text::kReplayControlsLive,
     "다시 보기 중에는 조작이 동작하지 않습니다. 실시간 실습은 파일 > 실시간 실습으로를 누르세요."},
    {&text::kSaveAs, "다른 이름으로 저장"},
    {&text::kFolder, "폴더"},
    {&text::kSave, "저장"},
    {&text::kCancel, "취소"},
    {&text::kMenuPresenterWindow, "발표자 창"},
    {&text::kPresenter, "발표자"},
    {&text::kPresenterNext, "다음"},
    {&text::kPresenterNextRecv, "Page Down: 서버가 WSARecv를 겁니다."},
    {&text::kPresenterNextSend, "Page Down: 클라이언트가 WSASend를 겁니다."},
    {&text::kPresenterLessonOver, "수업이 끝났습니다."},
    {&text::kPresenterNotes, "메모"},
    {&text::kPresenterKeys, "키"},
    {&text::kKeysClicker,
     "Page Down: 다음 단계   Page Up: 한 단계 뒤로 (화면만)   B 또는 .: 프로젝터 화면 가리기"},
    {&text::kKeysLab,
     "R: WSARecv 걸기   S: WSASend 걸기   Space: 일시 정지   F: 전체 보기   L: 실시간 "
     "따라가기   M: 2x2 표"},
    {&text::kKeysView,
     "Ctrl+1 / 2 / 3: 프로젝터 / 책상 / 2x2 표 레이아웃   Ctrl+= / Ctrl+-: 크기   F11: 전체 "
     "화면"},
    {&text::kControls, "조작"},
    {&text::kTimeline, "타임라인"},
    {&text::kLog, "로그"},
    {&text::kCode, "코드"},
    {&text::kInspector, "인스펙터"},
    {&text::kServer, "서버"},
    {&text::kClient, "클라이언트"},
    {&text::kLab, "실습"},
    {&text::kPostRecv, "WSARecv 걸기  [R]"},
    {&text::kPostSend, "WSASend 걸기  [S]"},
    {&text::kStopReading, "읽기 멈춤"},
    {&text::kResumeReading, "다시 읽기"},
    {&text::kBufferSize, "버퍼 바이트"},
    {&text::kWsabufCount, "WSABUF 개수"},
    {&text::kSendText, "텍스트"},
    {&text::kSendBytes, "바이트"},
    {&text::kClose, "닫기"},
    {&text::kCancelPending, "펜딩 취소"},
    {&text::kResetLab, "실습 초기화"},
    {&text::kSmallBuffers, "작은 버퍼"},
    {&text::kHelpRecv,
     "세션의 WSAOVERLAPPED(hEvent = 이벤트)로 WSARecv를 호출합니다. 수신 버퍼에 데이터가 없으면 "
     "펜딩됩니다 (WSA_IO_PENDING)."},
    {&text::kHelpSend,
     "텍스트를 `바이트` 크기까지 0으로 채워 WSASend합니다 (강의에서는 100바이트 버퍼에 "
     "\"Hello World\"). 커널 송신 버퍼가 가득 찼을 때만 펜딩됩니다."},
    {&text::kHelpReading,
     "읽기: 강의의 루프처럼 서버가 WSARecv를 계속 걸어 둡니다. 멈추면 클라이언트의 송신이 버퍼를 "
     "채워서 WSASend가 펜딩됩니다."},
    {&text::kHelpWsabufs, "스캐터-개더: 버퍼를 이 개수의 WSABUF {len, buf}로 나눕니다."},
    {&text::kHelpCancel, "펜딩된 모든 작업에 CancelIoEx를 호출합니다."},
    {&text::kHelpClose, "I/O가 펜딩이어도 클라이언트 소켓에 closesocket을 호출합니다."},
    {&text::kHelpReset, "모두 닫고 실습을 새로 만듭니다."},
    {&text::kHelpSmallBuffers,
     "클라이언트 SO_SNDBUF와 서버 SO_RCVBUF를 4 KiB로 줄입니다. 서버가 읽지 않으면 65536바이트 "
     "WSASend가 커널 버퍼를 채우고, 그중 하나가 펜딩됩니다 (WSA_IO_PENDING). Linux에서는 첫 "
     "번째가, Windows에서는 그 뒤의 것이 펜딩될 수 있습니다. 실습 초기화를 누르면 원래 크기로 "
     "돌아갑니다."},
    {&text::kPause, "일시 정지  [Space]"},
    {&text::kResume, "계속  [Space]"},
    {&text::kFitAll, "전체 보기  [F]"},
    {&text::kFollowLive, "실시간 따라가기  [L]"},
    {&text::kPaused, "일시 정지됨"},
    {&text::kTimelineEmpty, "아직 없습니다. R: 서버에서 WSARecv 걸기, S: 클라이언트에서 보내기."},
    {&text::kTimelineHelp, "휠: 커서 기준 확대/축소.  오른쪽 드래그: 이동.  클릭: 작업 선택."},
    {&text::kLegendImmediate,
     "바로 완료 (1\xE2\x86\x92"
     "2)"},
    {&text::kLegendPending, "펜딩 (WSA_IO_PENDING)"},
    {&text::kLegendSignaled, "시그널 상태 (3)"},
    {&text::kLegendFetched, "결과 확인 (4)"},
    {&text::kLegendQueued, "완료 대기 (3)"},
    {&text::kLegendSignaledOrQueued, "시그널 상태 / 완료 대기 (3)"},
    {&text::kLegendCallback, "콜백 실행 (4)"},
    {&text::kLegendDequeued, "완료 패킷 꺼냄 (4)"},
    {&text::kLegendResultAny, "결과 확인 / 콜백 / 꺼냄 (4)"},
    {&text::kLegendFailed, "실패"},
    {&text::kLegendWaiting, "스레드 대기"},
    {&text::kLaneThread, "netcore 스레드 %u"},
    {&text::kLaneThreadDetail, "실행 / 대기"},
    {&text::kLaneSlotDetail, "WSAOVERLAPPED 슬롯 %u"},
    {&text::kSessionRowShut, "작업 %zu개 (클릭 또는 E: 레인 펼치기)"},
    {&text::kSessionRowOpen, "작업 %zu개 (클릭 또는 E: 한 줄로)"},
    {&text::kSessionServer, "서버"},
    {&text::kSessionClient, "클라이언트"},
    {&text::kSessionOther, "세션"},
    {&text::kRunning, "실행 중"},
    {&text::kWaitingIn, "%s에서 대기"},
    {&text::kClusterFormat, "작업 %d개"},
    {&text::kClusterHint, ": 확대하면(마우스 휠) 하나씩 보입니다"},
    {&text::kTipPostedAt, "%s에 요청"},
    {&text::kTipImmediate, "바로 완료: %u 바이트  (1%s2)"},
    {&text::kTipPendingFor, "%s 동안 펜딩%s"},
    {&text::kTipStillPending, " (아직 펜딩)"},
    {&text::kTipFetched, "결과 확인: %u 바이트"},
    {&text::kTipFailed, "실패: 에러 %d"},
    {&text::kTipLast, "마지막: %s"},
    {&text::kLogThread, "스레드 "},
    {&text::kLogEmpty, "아직 전이가 없습니다."},
    {&text::kCodeNoSelection, "작업을 선택하세요 (타임라인 또는 로그)."},
    {&text::kPathTaken, "경로:"},
    {&text::kPathImmediate, "바로 완료"},
    {&text::kPathPending, "펜딩: 이벤트를 기다리는 중"},
    {&text::kPathSignaled, "시그널 상태: 결과를 확인할 차례"},
    {&text::kPathQueued, "완료 대기: 콜백이나 완료 패킷이 기다리는 중"},
    {&text::kPathCompleted, "펜딩 후 완료"},
    {&text::kPathFailed, "실패"},
    {&text::kPathNotYet, "호출이 아직 반환되지 않았습니다"},
    {&text::kInspectorNoSelection, "선택된 작업이 없습니다."},
    {&text::kWsabufArray, "WSABUF 배열"},
    {&text::kData, "데이터 (앞부분)"},
    {&text::kReturn, "반환값"},
    {&text::kError, "에러"},
    {&text::kSignaledYes, "시그널 상태"},
    {&text::kSignaledNo, "논시그널 상태"},
    {&text::kDoNotTouch, "펜딩 중: 4단계 전까지 이 버퍼와 WSAOVERLAPPED를 건드리면 안 됩니다."},
    {&text::kBytesFormat, "%llu 바이트"},
    {&text::kCqeReady, "있음"},
    {&text::kCqeNone, "없음"},
    {&text::kStream, "스트림"},
    {&text::kStreamBytes, "연결의 바이트 스트림에서 %llu부터 %llu까지"},
    {&text::kStreamReceivedBy, "%s가 받았습니다. 그 버퍼의 %llu번째 바이트부터입니다"},
    {&text::kStreamNotReceived, "상대가 아직 받지 않았습니다"},
    {&text::kStreamHoldsTouched,
     "덮어쓴 %s의 바이트가 이 버퍼의 %llu번째 바이트부터 들어 있습니다 (위에 보이는 앞부분 "
     "뒤쪽)"},
    {&text::kLabCode, "실습 프로그램이 만든 코드입니다: Winsock 호출이 돌려준 값이 아닙니다"},
    {&text::kLabCodeLog, "실습 코드: %s (%d)"},
    {&text::kNotWatched,
     "펜딩이지만 지켜보지 않는 중: WSAWaitForMultipleEvents 한 번에는 핸들을 최대 64개 "
     "(WSA_MAXIMUM_WAIT_EVENTS)까지 넘길 수 있는데, 실습 스레드는 이미 더 오래된 작업 63개와 자기 "
     "깨우기 이벤트를 기다리고 있습니다. 더 오래된 작업이 끝나면 이 작업의 이벤트도 기다립니다."},
    {&text::kManualReset,
     "WSACreateEvent는 수동 리셋 이벤트를 만듭니다: 리셋할 때까지 시그널 상태로 남습니다. "
     "펜딩되는 다음 호출이 리셋하거나 (Win32 오버랩드 규칙), WSAResetEvent로 리셋합니다."},
    {&text::kUringHeading, "Linux io_uring: 회색 = 각 필드가 나타내는 것"},
    {&text::kUringInternal, "CQE를 거둘 때까지 0x103, 그 뒤 0 / errno"},
    {&text::kUringInternalHigh, "CQE를 거둔 뒤의 cqe->res"},
    {&text::kUringEvent, "링에 등록된 슬롯의 eventfd"},
    {&text::kUringSignaled, "eventfd를 읽을 수 있음"},
    {&text::kUringCqe, "완료 링에 CQE가 있음"},
    {&text::kUringPending, "io_uring_submit 직후 CQE 없음"},
    {&text::kModel, "I/O 모델"},
    {&text::kModelEvent, "오버랩드 + 이벤트"},
    {&text::kModelRoutine, "오버랩드 + 콜백"},
    {&text::kModelIocp, "IOCP"},
    {&text::kModelEventSelect, "WSAEventSelect"},
    {&text::kHelpModel,
     "서버 세션의 I/O 모델입니다. 모델을 고르면 실습을 새 소켓으로 다시 만들고, 서버의 WSARecv "
     "[R]는 그 모델로 처리됩니다. 클라이언트의 WSASend [S]는 그대로입니다."},
    {&text::kAlertable, "알림 가능 대기  [A]"},
    {&text::kHelpAlertable,
     "서버 스레드에서 SleepEx(3000, TRUE)를 호출합니다. 스레드가 알림 가능 상태로 잠들고, 그 "
     "스레드에 쌓인 콜백이 지금 그 스레드에서 실행됩니다. 콜백이 실행되면 "
     "WSA_WAIT_IO_COMPLETION을, "
     "3초가 먼저 지나면 0을 돌려줍니다. 이 실습의 클라이언트도 같은 스레드에서 돌기 때문에, "
     "잠든 동안 누른 WSASend [S]는 SleepEx가 돌아온 뒤에 나갑니다. 그러니 S를 먼저, 그다음 A를 "
     "누르십시오."},
    {&text::kRoutine, "콜백"},
    {&text::kRoutineQueued,
     "완료가 쌓였습니다: 커널이 Internal과 InternalHigh를 썼습니다 (HasOverlappedIoCompleted가 "
     "TRUE). 하지만 콜백은 이 스레드가 알림 가능 대기에 들어갈 때까지 기다립니다. A를 누르십시오."},
    {&text::kRoutineRan,
     "콜백이 스레드의 알림 가능 대기 (SleepEx) 안에서, WSARecv를 호출한 그 스레드에서 "
     "실행되었습니다."},
    {&text::kCompletionKey, "완료 키"},
    {&text::kCompletionKeyWakeUp, "0: PostQueuedCompletionStatus로 깨운 것"},
    {&text::kNetworkEvents, "lNetworkEvents"},
    {&text::kUringRoutine,
     "Linux io_uring: 서버 스레드 전용 링입니다. CQE가 CQ에 쌓여 있다가 (완료 대기), 스레드의 알림 "
     "가능 대기 (io_uring_wait_cqe)가 그 스레드에서 콜백을 부릅니다."},
    {&text::kUringIocp,
     "Linux io_uring: 링의 완료 큐가 포트입니다. CQE의 user_data에 키와 작업이 실리고, "
     "io_uring_wait_cqe가 GetQueuedCompletionStatus를 대신합니다. 작업 스레드들은 잠금으로 링을 "
     "나눠 씁니다."},
    {&text::kUringEventSelect,
     "Linux io_uring: 소켓에 IORING_OP_POLL_ADD를 겁니다. WSAEnumNetworkEvents는 그 결과 "
     "마스크이고, 그 뒤의 recv는 바로 완료되는 보통 호출입니다."},
    {&text::kStatusBackend, "백엔드: %s"},
    {&text::kStatusPort, "포트: %u"},
    {&text::kStatusPosted, "요청: %llu"},
    {&text::kStatusImmediate, "바로 완료: %llu"},
    {&text::kStatusPending, "펜딩: %llu"},
    {&text::kStatusFailed, "실패: %llu"},
    {&text::kStatusDropped, "유실: %llu"},
    {&text::kCapDropped, "(%llu개를 버림: 보관 한도 %zu개)"},
    {&text::kEngineFailed, "엔진이 시작되지 않았습니다: %s"},
    {&text::kFloodHelp,
     "서버가 WSARecv를 계속 걸어 둔 채로 클라이언트가 %u B를 계속 보냅니다:\n"
     "초당 수천 개의 작업. 좁은 작업들은 개수가 적힌 상자로 합쳐집니다."},
    // Classroom mode
    {&text::kMenuFile, "파일"},
    {&text::kMenuSaveTrace, "트레이스 저장 (JSON Lines)"},
    {&text::kMenuExport, "내보내기"},
    {&text::kMenuExportChrome, "Chrome 트레이스 JSON (Perfetto)"},
    {&text::kMenuExportPng, "PNG 스크린샷"},
    {&text::kMenuQuit, "종료"},
    {&text::kMenuView, "보기"},
    {&text::kMenuLanguage, "언어"},
    {&text::kMenuTheme, "테마"},
    {&text::kThemeLight, "밝게 (프로젝터)"},
    {&text::kThemeDark, "어둡게"},
    {&text::kMenuScaleUp, "크게"},
    {&text::kMenuScaleDown, "작게"},
    {&text::kMenuScaleFormat, "UI 배율: %.2f"},
    {&text::kMenuFullscreen, "전체 화면"},
    {&text::kMenuPresenter, "발표자 모드 (클릭 표시)"},
    {&text::kMenuLessons, "수업"},
    {&text::kMenuPitfalls, "주의할 점"},
    {&text::kMenuStopLesson, "수업 멈추기"},
    {&text::kNoHangulFont, "한글 글꼴 없음 (NanumGothic / Malgun Gothic): 영어로 표시합니다"},
    {&text::kReplayBanner, "%s 다시 보기 (%s): 엔진 없음"},
    {&text::kReplayControls,
     "다시 보기 중에는 조작이 동작하지 않습니다. 실시간 실습은 데스크톱 앱을 --replay 없이 "
     "실행하세요."},
    {&text::kLesson, "수업"},
    {&text::kPlay, "재생"},
    {&text::kPauseLesson, "일시 정지"},
    {&text::kStep, "한 단계"},
    {&text::kSpeed, "속도"},
    {&text::kLessonState, "상태: %s   단계 %d / %d"},
    {&text::kRunStates[0], "준비"},
    {&text::kRunStates[1], "실행 중"},
    {&text::kRunStates[2], "기다리는 중"},
    {&text::kRunStates[3], "전이를 기다리는 중"},
    {&text::kRunStates[4], "일시 정지"},
    {&text::kRunStates[5], "끝남"},
    {&text::kRunStates[6], "멈춤"},
    {&text::kLessonFinished, "수업이 끝났습니다."},
    {&text::kLessonFailed, "수업이 멈췄습니다: %s"},
    {&text::kLessonPausedHint, "일시 정지: 재생 또는 한 단계를 누르세요."},
    {&text::kScriptErrors, "수업 파일에 에러가 있어 실행하지 않습니다"},
    {&text::kDismiss, "닫기"},
    {&text::kSaved, "저장했습니다: %s"},
    {&text::kSavedNewest, "최근 전이만 저장했습니다: %s"},
    {&text::kSaveFailed, "저장하지 못했습니다: %s"},
    {&text::kPitfallTouch, "펜딩된 WSASend의 버퍼 바꾸기"},
    {&text::kPitfallTouchWhy,
     "커널은 WSASend를 호출할 때가 아니라 실제로 보낼 때 송신 버퍼를 읽습니다: 상대는 바뀐 "
     "바이트를 받습니다. 인스펙터에서 그 WSASend와, 그 바이트를 받은 서버의 WSARecv를 보세요."},
    {&text::kPitfallPerOp, "여러 작업을 동시에 걸기"},
    {&text::kPitfallPerOpWhy,
     "WSARecv마다 자기 WSAOVERLAPPED 슬롯과 이벤트를 가집니다 (레인 하나씩). 펜딩 중인 "
     "WSAOVERLAPPED를 재사용하면 커널이 결과 두 개를 한 구조체에 쓰게 됩니다."},
    {&text::kPitfallClose, "I/O가 펜딩인 채로 closesocket"},
    {&text::kPitfallCloseWhy,
     "closesocket은 펜딩된 작업을 중단시킵니다: 각 작업은 WSA_OPERATION_ABORTED (995)로 "
     "실패합니다. 그 완료가 보고되기 전에는 버퍼도 WSAOVERLAPPED도 해제하면 안 됩니다."},
    // The 2x2 matrix (views/matrix_view.cpp).
    {&text::matrix::kPanel, "2x2 표"},
    {&text::matrix::kShowMatrix, "2x2 표  [M]"},
    {&text::matrix::kShowLab, "실습으로  [M]"},
    {&text::matrix::kTitle,
     "네 가지 I/O 모델이 같은 데이터를 받습니다: 상대가 100바이트를 보냅니다"},
    {&text::matrix::kRunAll, "네 가지 모두 실행  [A]"},
    {&text::matrix::kRun, "실행"},
    {&text::matrix::kRunCell[0], "실행##blocking_sync"},
    {&text::matrix::kRunCell[1], "실행##nonblocking_sync"},
    {&text::matrix::kRunCell[2], "실행##blocking_async"},
    {&text::matrix::kRunCell[3], "실행##nonblocking_async"},
    {&text::matrix::kDelay, "상대가 보내는 시점"},
    {&text::matrix::kDelayFormat, "%.1f초"},
    {&text::matrix::kHelpDelay,
     "상대가 100바이트(\"Hello World\" + 0 채움)를 보내는 시점입니다. 공통 시작부터 잽니다. 각 "
     "칸의 수신자는 이미 기다리고 있습니다."},
    {&text::matrix::kHelpRunAll,
     "스레드 4개, 실제 루프백 TCP 연결 4개, 같은 시작: 네 칸이 하나의 시간 축을 씁니다."},
    {&text::matrix::kBlockingAxis,
     "블로킹 / 논블로킹 = 함수 호출: 기다리는가, 바로 반환하는가 (WSAEWOULDBLOCK일 수도 "
     "있습니다)?"},
    {&text::matrix::kSyncAxis,
     "동기 / 비동기 = 작업: 호출하는 순간에 일어나는가, 나중에 일어나고 통지되는가?"},
    {&text::matrix::kColSync, "동기"},
    {&text::matrix::kColSyncKo, "synchronous"},
    {&text::matrix::kColAsync, "비동기"},
    {&text::matrix::kColAsyncKo, "asynchronous"},
    {&text::matrix::kRowBlocking, "블로킹"},
    {&text::matrix::kRowBlockingKo, "blocking"},
    {&text::matrix::kRowNonBlocking, "논블로킹"},
    {&text::matrix::kRowNonBlockingKo, "non-blocking"},
    {&text::matrix::kCall[0], "블로킹 소켓의 recv"},
    {&text::matrix::kCall[1], "논블로킹 소켓의 recv"},
    {&text::matrix::kCall[2], "select, 그다음 recv"},
    {&text::matrix::kCall[3], "WSARecv, 오버랩드 + 이벤트"},
    {&text::matrix::kNote[0], "데이터가 올 때까지 스레드가 recv 안에서 잠듭니다."},
    {&text::matrix::kNote[1],
     "ioctlsocket(FIONBIO): recv가 바로 반환합니다. WSAEWOULDBLOCK = 아직 없음, 다시 시도."},
    {&text::matrix::kNote[2],
     "IBM의 \"Boost application performance using asynchronous I/O\"는 select를 여기에 "
     "둡니다. 이 칸은 사람마다 의견이 다릅니다."},
    {&text::matrix::kNote[3],
     "바로 SOCKET_ERROR, WSAGetLastError() = WSA_IO_PENDING. 스레드는 다른 일을 하고, 시그널 "
     "상태가 되면 WSAGetOverlappedResult."},
    {&text::matrix::kThisLecture, "이번 강의"},
    {&text::matrix::kRowThread, "스레드"},
    {&text::matrix::kNotRun,
     "아직 실행하지 않았습니다: 실행을 누르거나, A로 네 가지를 모두 실행하세요."},
    {&text::matrix::kPeerSends, "상대가 보냄"},
    {&text::matrix::kPeerCloses, "상대가 닫음"},
    {&text::matrix::kWait, "대기"},
    {&text::matrix::kAttempts, "시도"},
    {&text::matrix::kWork, "작업"},
    {&text::matrix::kNone, "없음"},
    {&text::matrix::kWouldBlockCount, "WSAEWOULDBLOCK %u회"},
    {&text::matrix::kWorkCount, "작업 %u단위"},
    {&text::matrix::kError, "에러: %s"},
    {&text::matrix::kLegendAsleep, "호출 안에서 잠듦"},
    {&text::matrix::kLegendWouldBlock, "WSAEWOULDBLOCK, 다시 시도"},
    {&text::matrix::kLegendWork, "다른 작업"},
    {&text::matrix::kLegendPending, "펜딩"},
    {&text::matrix::kLegendReady, "준비됨 / 시그널 상태"},
    {&text::matrix::kLegendCompleted, "호출할 때 이미 데이터가 있음"},
    {&text::matrix::kLegendFetched, "결과 확인"},
    {&text::matrix::kLegendPeer, "상대가 보냄"},
    {&text::matrix::kLegendShort, "범례 (?)"},
    {&text::matrix::kBackend, "백엔드: %s"},
    {&text::matrix::kAsleepFor, "%s 안에서 잠듦: %s"},
    {&text::matrix::kThenRecv, ", 그다음 recv가 바로 반환"},
    {&text::matrix::kSpinning, "WSAEWOULDBLOCK %u회, 스레드는 잠들지 않음"},
    {&text::matrix::kPage2x2, "I/O 모델 (2x2)"},
    {&text::matrix::kPageWindows, "윈도우 I/O 모델"},
    {&text::matrix::kPageKey, "Tab: 다른 페이지"},
    {&text::matrix::kRoadTitle,
     "같은 데이터, 다섯 가지 모델: 클라이언트가 100바이트 버퍼에 \"Hello World\"를 보내고, "
     "서버가 100바이트를 받습니다"},
    {&text::matrix::kRoadRunAll, "다섯 가지 모두 실행  [A]"},
    {&text::matrix::kRoadHelpRun,
     "서버 5개가 각자 실제 루프백 TCP 연결로 함께 시작합니다: 다섯 줄이 하나의 시간 축을 "
     "씁니다 (0 = 첫 서버 호출)."},
    {&text::matrix::kRoadDelay, "클라이언트가 보내는 시점"},
    {&text::matrix::kRoadHelpDelay,
     "각 서버가 받을 준비를 마친 뒤 클라이언트가 100바이트를 보내기까지의 시간입니다."},
    {&text::matrix::kRoadNotRun,
     "아직 실행하지 않았습니다: 다섯 가지 모두 실행을 누르거나 A를 누르십시오."},
    {&text::matrix::kRoadRunning, "실행 중입니다: 각 클라이언트가 서버 준비 %.1f초 뒤에 보냅니다."},
    {&text::matrix::kRoadLane[0], "select"},
    {&text::matrix::kRoadLane[1], "WSAEventSelect"},
    {&text::matrix::kRoadLane[2], "오버랩드 + 이벤트"},
    {&text::matrix::kRoadLane[3], "오버랩드 + 콜백"},
    {&text::matrix::kRoadLane[4], "IOCP"},
    {&text::matrix::kRoadCall[0], "select에서 잠들고, 그다음 recv"},
    {&text::matrix::kRoadCall[1], "WSAWaitForMultipleEvents, WSAEnumNetworkEvents, recv"},
    {&text::matrix::kRoadCall[2], "WSARecv + hEvent, 다른 작업, WSAGetOverlappedResult"},
    {&text::matrix::kRoadCall[3], "WSARecv + 콜백, 다른 작업, SleepEx(..., TRUE)"},
    {&text::matrix::kRoadCall[4],
     "CreateIoCompletionPort, GetQueuedCompletionStatus의 작업 스레드"},
    {&text::matrix::kThreads, "스레드"},
    {&text::matrix::kWakeups, "깨어남"},
    {&text::matrix::kDataAt, "데이터"},
    {&text::matrix::kMomentReady, "select: 읽기 가능, 그다음 recv %u B"},
    {&text::matrix::kMomentFdRead, "WSAEnumNetworkEvents의 FD_READ, 그다음 recv %u B"},
    {&text::matrix::kMomentSignaled, "시그널, WSAGetOverlappedResult %u B"},
    {&text::matrix::kMomentQueued, "완료가 큐에 있음: 콜백이 기다림"},
    {&text::matrix::kMomentCallback, "SleepEx(..., TRUE) 안에서 콜백: %u B"},
    {&text::matrix::kMomentDequeued, "GetQueuedCompletionStatus가 꺼냄: 키 %u, %u B"},
    {&text::matrix::kLegendPosted, "WSARecv 호출"},
    {&text::matrix::kLegendWoke, "대기가 끝남 / 완료가 큐에 들어감"},
    {&text::matrix::kLegendGotData, "프로그램이 데이터를 받음"},
    {&text::matrix::kLegendClient, "클라이언트가 보냄"},
    {&text::kFlood, "연속 송신 (W)"},
};

Lang current = Lang::en;

void remember_english() {
  for (Entry& e : table)
    if (!e.en) e.en = *e.slot;
}

}  // namespace

void set_language(Lang lang) {
  remember_english();
  for (Entry& e : table) *e.slot = lang == Lang::ko && e.ko && *e.ko ? e.ko : e.en;
  current = lang;
}

Lang language() {
  return current;
}

const char* language_code(Lang lang) {
  return lang == Lang::ko ? "ko" : "en";
}

bool parse_language(std::string_view s, Lang& lang) {
  if (s == "ko")
    lang = Lang::ko;
  else if (s == "en")
    lang = Lang::en;
  else
    return false;
  return true;
}

Lang language_from_locale() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return std::strncmp(v, "ko", 2) == 0 ? Lang::ko : Lang::en;
  }
  // No locale variable (a Windows desktop): the language Windows itself speaks.
  return platform::os_ui_language().rfind("ko", 0) == 0 ? Lang::ko : Lang::en;
}

std::vector<const char*> current_texts() {
  remember_english();
  std::vector<const char*> out;
  for (const Entry& e : table) out.push_back(*e.slot);
  return out;
}

std::vector<const char*> korean_texts() {
  std::vector<const char*> out;
  for (const Entry& e : table) out.push_back(e.ko);
  for (const char* help : korean_error_helps()) out.push_back(help);  // the inspector's
  return out;
}

namespace {
std::string conversions(const char* s) {  // "%s%u%llu": the printf conversions, in order
  std::string out;
  for (; *s; ++s) {
    if (*s != '%') continue;
    if (s[1] == '%') {
      ++s;
      continue;
    }
    out += '%';
    while (s[1] && !std::strchr("diouxXeEfgGcsp", s[1])) out += *++s;
    if (s[1]) out += *++s;
  }
  return out;
}
}  // namespace

std::vector<std::string> format_mismatches() {
  remember_english();
  std::vector<std::string> out;
  for (const Entry& e : table)
    if (e.ko && *e.ko && conversions(e.en) != conversions(e.ko))
      out.push_back(std::string(e.en) + "  <>  " + e.ko);
  return out;
}

int untranslated_count() {
  int n = 0;
  for (const Entry& e : table) n += (!e.ko || !*e.ko);
  return n;
}

}  // namespace iolab::views
